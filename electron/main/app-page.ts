import path from 'node:path';
import { pathToFileURL } from 'node:url';

// These paths are relative to the bundle: this module is only imported by the main
// entry, so it is inlined into out/main/index.js and __dirname is out/main.

/** Absolute path of the kiosk page that the window loads with loadFile. */
export function appPagePath(): string {
  return path.join(__dirname, '../renderer/index.html');
}

/** The file:// URL of the kiosk page, as Chromium reports it once loaded. */
export function appPageUrl(): string {
  return pathToFileURL(appPagePath()).href;
}

/**
 * True when `url` is the kiosk page itself: a file: URL with the same path and no query.
 * The fragment is ignored because it never loads another document.
 */
export function isAppPageUrl(url: string, expected: string = appPageUrl()): boolean {
  let actual: URL;
  let wanted: URL;
  try {
    actual = new URL(url);
    wanted = new URL(expected);
  } catch {
    return false;
  }
  return (
    actual.protocol === 'file:' &&
    wanted.protocol === 'file:' &&
    actual.host === wanted.host &&
    actual.pathname === wanted.pathname &&
    actual.search === '' &&
    wanted.search === ''
  );
}
