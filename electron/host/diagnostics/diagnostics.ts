import fs from 'node:fs/promises';
import path from 'node:path';
import type { CommandResponse, DiagnosticsFailure, DiagnosticsResult } from '../../../shared/contract';
import type { HostConfig } from '../config';
import { errorKind, type Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';
import { blankPersonal, buildBundle, type BundleSources } from './bundle';
import { tarGz } from './tar';
import { findDrives, type DriveSearch } from './usb-drives';

/** The settings as the bundle shows them: what is set, never a key, token, certificate path or PIN. */
export function configWithoutSecrets(config: HostConfig, settings: Record<string, unknown>, hardware: unknown): unknown {
  const p = config.platform;
  return {
    hardware: config.hardware,
    simFaults: config.simFaults,
    lang: config.lang,
    kioskId: config.kioskId,
    idleWarnMs: config.idleWarnMs,
    idleResetMs: config.idleResetMs,
    retentionDays: config.retentionDays,
    logLevel: config.logLevel,
    restartAt: config.restartAt,
    // Whether each is set, not what it is.
    platform: { urlSet: Boolean(p.url), bearerTokenSet: Boolean(p.bearerToken), mutualTls: Boolean(p.clientCertFile), caSet: Boolean(p.caFile), heartbeatIntervalMs: p.heartbeatIntervalMs ?? null },
    usbRootsSet: Boolean(config.usbRoots),
    // Picked one by one: a setting added later (a credential, say) stays out until someone decides.
    settings: {
      disabledServices: settings.disabledServices,
      serviceHours: settings.serviceHours,
      idleWarnSeconds: settings.idleWarnSeconds,
      idleResetSeconds: settings.idleResetSeconds,
      languages: settings.languages,
    },
    hardwareJson: hardware,
  };
}

/** The write error's code as staff are told it. */
export function failureOf(error: unknown): DiagnosticsFailure {
  const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readOnly';
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO' || code === 'EIO' || code === 'ENOTDIR' || code === 'ESTALE') return 'removed';
  return 'writeFailed';
}

/**
 * Writes the bytes as `<dir>/<name>` so that the name only ever holds a whole file: into a hidden
 * `.part` file first, flushed to the stick, then renamed; on failure the part file is removed.
 */
async function writeWhole(dir: string, name: string, data: Buffer): Promise<void> {
  const part = path.join(dir, `.${name}.part`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(part, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(part, path.join(dir, name));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(part, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** What the diagnostics handlers work with. */
export interface DiagnosticsDeps extends BundleSources {
  log: Logger;
  drives: DriveSearch;
}

/** `staff:diagnosticsTargets` and `staff:diagnostics`: the bundle for the service engineer, to a USB stick. */
export function diagnosticsHandlers(deps: DiagnosticsDeps) {
  let running = false;
  const audit = (staffNumber: string, action: string, detail: Record<string, string | number | boolean | null>) =>
    appendAudit(deps.db, { actor: `staff:${staffNumber}`, action, subject: null, detail: blankPersonal(detail) as typeof detail }, Date.now());

  const exportTo = async (staffNumber: string, wanted: string | undefined): Promise<DiagnosticsResult> => {
    const drives = findDrives(deps.drives);
    if (drives.length === 0) return { result: 'noDrive' };
    // Only a drive found now: the page names one, it never names a folder to write to.
    const drive = wanted === undefined ? drives[0] : drives.find((d) => d.id === wanted);
    if (!drive) return { result: 'driveNotFound' };
    const bundle = buildBundle(deps);
    const data = await tarGz(bundle.files, deps.now());
    const file = `${bundle.folder}.tar.gz`;
    const fail = (failure: DiagnosticsFailure, error?: unknown): DiagnosticsResult => {
      deps.log.warn('diagnostics.failed', { code: failure, ...(error ? { error: errorKind(error) } : {}) });
      audit(staffNumber, 'diagnostics.failed', { drive: drive.label, code: failure, bytes: data.length });
      return { result: failure };
    };
    if (drive.freeBytes > 0 && drive.freeBytes < data.length) return fail('full');
    try {
      await writeWhole(drive.id, file, data);
    } catch (error) {
      return fail(failureOf(error), error);
    }
    deps.log.info('diagnostics.exported', { bytes: data.length, files: bundle.files.length, droppedLines: bundle.droppedLines });
    audit(staffNumber, 'diagnostics.exported', { drive: drive.label, bytes: data.length, files: bundle.files.length });
    return { result: 'written', drive: drive.label, file, bytes: data.length, files: bundle.files.length };
  };

  return {
    'staff:diagnosticsTargets': (): CommandResponse<'staff:diagnosticsTargets'> => findDrives(deps.drives),
    'staff:diagnostics': async (request: { drive?: string | undefined }, caller: { staff: { staffNumber: string } | null }): Promise<CommandResponse<'staff:diagnostics'>> => {
      // One at a time: a second press while the first writes would race it on the same stick.
      if (running) return { result: 'busy' };
      running = true;
      try {
        return await exportTo(caller.staff!.staffNumber, request.drive);
      } finally {
        running = false;
      }
    },
  };
}
