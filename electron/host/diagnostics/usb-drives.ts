import fs from 'node:fs';
import path from 'node:path';
import type { DiagnosticsTarget } from '../../../shared/contract/diagnostics';

/** Where desktop automounters (udisks2) put USB sticks on Linux: /media/<user>/<label>, /run/media/<user>/<label>. */
export const DEFAULT_USB_ROOTS = ['/media', '/run/media'] as const;

/** How drives are found: from the mount table under the default roots, or every folder under roots given (KIOSK_USB_ROOTS). */
export interface DriveSearch {
  /** Set (KIOSK_USB_ROOTS): each folder directly under each root is a drive, mounted or not (tests, simulated sticks). */
  roots?: readonly string[];
  /** The mount table (default /proc/self/mounts). */
  mountsFile?: string;
  /** The kernel's block devices (default /sys/class/block). */
  sysBlock?: string;
}

// /proc/self/mounts escapes space, tab, newline and backslash in paths as octal.
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** True when the kernel says the block device behind `source` is removable or sits on USB. */
function isRemovable(source: string, sysBlock: string): boolean {
  if (!source.startsWith('/dev/')) return false;
  const name = path.basename(fs.existsSync(source) ? fs.realpathSync(source) : source);
  const dev = path.join(sysBlock, name);
  try {
    const real = fs.realpathSync(dev);
    if (real.includes('/usb')) return true;
    // A partition's flag is on its disk, one folder up.
    for (const folder of [real, path.dirname(real)]) {
      const flag = path.join(folder, 'removable');
      if (fs.existsSync(flag) && fs.readFileSync(flag, 'utf8').trim() === '1') return true;
    }
  } catch {
    return false;
  }
  return false;
}

function freeBytes(dir: string): number {
  try {
    const s = fs.statfsSync(dir);
    return Math.max(0, Math.floor(s.bavail * s.bsize));
  } catch {
    return 0;
  }
}

function target(dir: string): DiagnosticsTarget {
  return { id: dir, label: path.basename(dir), freeBytes: freeBytes(dir) };
}

/** The removable drives mounted now, sorted by label. */
export function findDrives(search: DriveSearch = {}): DiagnosticsTarget[] {
  if (search.roots) {
    const found: DiagnosticsTarget[] = [];
    for (const root of search.roots) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(root, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const dir = path.join(root, entry.name);
        if (entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())) found.push(target(dir));
      }
    }
    return found.sort((a, b) => a.label.localeCompare(b.label));
  }
  let table: string;
  try {
    table = fs.readFileSync(search.mountsFile ?? '/proc/self/mounts', 'utf8');
  } catch {
    return [];
  }
  const sysBlock = search.sysBlock ?? '/sys/class/block';
  const found: DiagnosticsTarget[] = [];
  for (const line of table.split('\n')) {
    const [source, mountPoint] = line.split(' ');
    if (!source || !mountPoint) continue;
    const dir = unescapeMount(mountPoint);
    // /media/<user>/<label> or /run/media/<user>/<label> (or /media/<label> on older automounters).
    const under = DEFAULT_USB_ROOTS.some((root) => {
      const rest = path.relative(root, dir);
      return rest !== '' && !rest.startsWith('..') && !path.isAbsolute(rest) && rest.split(path.sep).length <= 2;
    });
    if (under && isRemovable(unescapeMount(source), sysBlock)) found.push(target(dir));
  }
  return found.sort((a, b) => a.label.localeCompare(b.label));
}
