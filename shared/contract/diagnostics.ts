import { z } from 'zod';

/** A removable drive the diagnostics bundle can be written to: its mount folder, a label, free bytes. */
export const diagnosticsTargetSchema = z.object({
  id: z.string().min(1).max(4096),
  label: z.string().max(255),
  freeBytes: z.number().int().min(0),
});
export type DiagnosticsTarget = z.output<typeof diagnosticsTargetSchema>;

export const DIAGNOSTICS_FAILURES = [
  /** No removable drive is mounted. */
  'noDrive',
  /** The drive asked for is no longer among those mounted. */
  'driveNotFound',
  /** Not enough room on the drive. */
  'full',
  /** The drive refuses writes (write-protect switch, read-only file system, permissions). */
  'readOnly',
  /** The drive went away while the bundle was written. */
  'removed',
  /** An export is already being written. */
  'busy',
  /** Any other write error. */
  'writeFailed',
] as const;
export type DiagnosticsFailure = (typeof DIAGNOSTICS_FAILURES)[number];

export const diagnosticsRequestSchema = z.object({ drive: z.string().min(1).max(4096).optional() }).strict();

export const diagnosticsResultSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('written'), drive: z.string(), file: z.string(), bytes: z.number().int().min(0), files: z.number().int().min(0) }),
  z.object({ result: z.enum(DIAGNOSTICS_FAILURES) }),
]);
export type DiagnosticsResult = z.output<typeof diagnosticsResultSchema>;
