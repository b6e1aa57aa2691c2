import fs from 'node:fs';
import path from 'node:path';

/*
 * The files a rollback needs, kept in the data folder (`updates/`), which no installer touches.
 * - Linux AppImage: electron-updater replaces the running AppImage file; a copy of the old one is
 *   kept just before, and a rollback puts it back in the same place.
 * - Windows NSIS: electron-updater deletes its downloaded installer once it ran; the installer of
 *   each verified download is kept, so that a version the updater installed can be installed again.
 */

export const UPDATES_DIR = 'updates';

/** A version as a file-name part: what a version string may hold, nothing that walks folders. */
function safeVersion(version: string): string {
  if (!/^[0-9A-Za-z.+-]{1,64}$/.test(version) || version.includes('..')) throw new Error(`Not a version: ${JSON.stringify(version)}`);
  return version;
}

/** Copies `from` to `to` through a temporary file, so `to` is either whole or absent. */
function copyWhole(from: string, to: string, mode: number): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, to);
}

/** Where the kept AppImage of `version` lies. */
export function keptAppImage(dataDir: string, version: string): string {
  return path.join(dataDir, UPDATES_DIR, `previous-${safeVersion(version)}.AppImage`);
}

/** Keeps a copy of the running AppImage (`appImage`, from $APPIMAGE) as `version`'s; older copies go. */
export function keepAppImage(dataDir: string, appImage: string, version: string): string {
  const kept = keptAppImage(dataDir, version);
  copyWhole(appImage, kept, 0o755);
  prune(dataDir, /^previous-.*\.AppImage$/, [path.basename(kept)]);
  return kept;
}

/**
 * Puts the kept AppImage of `version` back at `appImage` (renamed over it: the running process
 * keeps its own, now unlinked, file). Returns false when there is none to put back.
 */
export function restoreAppImage(dataDir: string, appImage: string, version: string): boolean {
  const kept = keptAppImage(dataDir, version);
  if (!fs.existsSync(kept)) return false;
  copyWhole(kept, appImage, 0o755);
  return true;
}

/** Puts a verified, staged AppImage at `appImage`, whole or not at all (renamed over the running one). */
export function replaceAppImage(staged: string, appImage: string): void {
  copyWhole(staged, appImage, 0o755);
}

/** Where the kept installer of `version` lies. */
export function keptInstaller(dataDir: string, version: string): string {
  return path.join(dataDir, UPDATES_DIR, `installer-${safeVersion(version)}.exe`);
}

/** Keeps the downloaded installer of `version`; only `version`'s and `running`'s are kept. */
export function keepInstaller(dataDir: string, installer: string, version: string, running: string): string {
  const kept = keptInstaller(dataDir, version);
  copyWhole(installer, kept, 0o644);
  prune(dataDir, /^installer-.*\.exe$/, [path.basename(kept), path.basename(keptInstaller(dataDir, running))]);
  return kept;
}

/** The kept installer of `version`, or null when the updater never downloaded it (installed by hand). */
export function findInstaller(dataDir: string, version: string): string | null {
  const kept = keptInstaller(dataDir, version);
  return fs.existsSync(kept) ? kept : null;
}

function prune(dataDir: string, pattern: RegExp, keep: readonly string[]): void {
  const dir = path.join(dataDir, UPDATES_DIR);
  for (const name of fs.readdirSync(dir)) {
    if (pattern.test(name) && !keep.includes(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
