/**
 * Vitest's global setup: bundles the photo worker once per run (not per test or per file), for
 * every host a test starts. Tests read the paths with `inject('photoWorkerScript')`.
 */
import type { TestProject } from 'vitest/node';
import { buildPhotoWorkers } from './fixtures/photo-worker-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real photo worker, bundled for this run. */
    photoWorkerScript: string;
    /** The photo worker that dies on frames marked `crash:exit`, `crash:throw` or `crash:hang`. */
    photoWorkerCrashScript: string;
  }
}

/** Builds the workers and provides their paths; the returned teardown deletes them. */
export default async function setup(project: TestProject): Promise<() => void> {
  const built = await buildPhotoWorkers(project.config.root);
  project.provide('photoWorkerScript', built.worker);
  project.provide('photoWorkerCrashScript', built.crashing);
  return () => built.dispose();
}
