import { fromPromise } from 'xstate';
import type { LookupData, LookupKind } from '../../../shared/steps/lookup/lookup-kinds';
import { StepError } from '../../../shared/steps/step-error';
import type { StepDeps } from './step-deps';

/** The lookup step's side effect: asking the platform (or the simulator's fictional data). */
export function lookupHostActors(deps: StepDeps) {
  const { platform, log } = deps;
  return {
    lookup: fromPromise<LookupData, { kind: LookupKind; params: Record<string, string>; sessionId: string }>(async ({ input, signal }) => {
      try {
        const data = await platform.lookup(input.kind, input.params, signal);
        log.info('lookup.answered', { kind: input.kind, platform: platform.kind });
        return data;
      } catch (error) {
        log.warn('lookup.failed', { kind: input.kind, platform: platform.kind, code: error instanceof StepError ? error.code : 'unknown' });
        throw error;
      }
    }),
  };
}
