import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInstaller, keepAppImage, keepInstaller, keptAppImage, restoreAppImage, UPDATES_DIR } from '../../../../../electron/host/supervisor/update-files';
import { tempDirs } from '../../../../fixtures/temp-dirs';

const dirs = tempDirs('kiosk-update-files-');
afterAll(() => dirs.removeAll());

function setup() {
  const dataDir = dirs.make();
  const appDir = dirs.make();
  const appImage = path.join(appDir, 'police-kiosk.AppImage');
  fs.writeFileSync(appImage, 'version 1.0.0', { mode: 0o755 });
  return { dataDir, appImage };
}

describe('the AppImage kept for a rollback', () => {
  it('is a copy of the running AppImage that a rollback puts back in its place, executable', () => {
    const { dataDir, appImage } = setup();
    const kept = keepAppImage(dataDir, appImage, '1.0.0');
    expect(kept).toBe(path.join(dataDir, UPDATES_DIR, 'previous-1.0.0.AppImage'));
    // The update replaces the file...
    fs.writeFileSync(appImage, 'version 1.1.0');
    // ...and the rollback brings the old one back.
    expect(restoreAppImage(dataDir, appImage, '1.0.0')).toBe(true);
    expect(fs.readFileSync(appImage, 'utf8')).toBe('version 1.0.0');
    if (process.platform !== 'win32') expect(fs.statSync(appImage).mode & 0o111).toBe(0o111);
    expect(fs.readdirSync(path.dirname(appImage))).toEqual(['police-kiosk.AppImage']);
  });

  it('is one file: keeping a newer version drops the older copy', () => {
    const { dataDir, appImage } = setup();
    keepAppImage(dataDir, appImage, '1.0.0');
    keepAppImage(dataDir, appImage, '1.1.0');
    expect(fs.readdirSync(path.join(dataDir, UPDATES_DIR))).toEqual(['previous-1.1.0.AppImage']);
  });

  it('is not invented: nothing to put back leaves the running file alone', () => {
    const { dataDir, appImage } = setup();
    expect(restoreAppImage(dataDir, appImage, '1.0.0')).toBe(false);
    expect(fs.readFileSync(appImage, 'utf8')).toBe('version 1.0.0');
  });

  it('refuses a version that would name a file outside the updates folder', () => {
    const { dataDir } = setup();
    expect(() => keptAppImage(dataDir, '../../etc/passwd')).toThrow(/Not a version/);
    expect(() => keptAppImage(dataDir, '1.0.0/..')).toThrow(/Not a version/);
  });
});

describe('the Windows installers kept for a rollback', () => {
  it("keeps the new version's installer and the running version's, and no others", () => {
    const dataDir = dirs.make();
    const download = path.join(dirs.make(), 'Police-Kiosk-Setup.exe');
    for (const [version, running] of [['1.0.0', '0.9.0'], ['1.1.0', '1.0.0'], ['1.2.0', '1.1.0']] as const) {
      fs.writeFileSync(download, `installer ${version}`);
      keepInstaller(dataDir, download, version, running);
    }
    expect(fs.readdirSync(path.join(dataDir, UPDATES_DIR)).sort()).toEqual(['installer-1.1.0.exe', 'installer-1.2.0.exe']);
    expect(fs.readFileSync(findInstaller(dataDir, '1.1.0') ?? '', 'utf8')).toBe('installer 1.1.0');
    // A version installed by hand was never downloaded: nothing to go back to.
    expect(findInstaller(dataDir, '1.0.0')).toBeNull();
  });
});
