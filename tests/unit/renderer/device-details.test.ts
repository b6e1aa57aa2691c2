/**
 * A device's detail is a code the staff screen translates, never an English sentence: every
 * detail the drivers and simulators can set is a known code with text in every locale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACE_ENGINE_DETAILS } from '../../../electron/host/face/face-status';
import { STATUS_DETAIL } from '../../../electron/host/hardware/gat467/device-status';
import { KNOWN_DETAILS } from '../../../renderer/src/staff/device-text';
import { resources } from '../../../shared/i18n';

const HARDWARE = path.resolve(__dirname, '../../../electron/host/hardware');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Every `detail: '…'` literal in the hardware code, the reader's status codes, and the ESC/POS silent reasons. */
function detailsSet(): string[] {
  // The camera's detail when the face engine did not load is set from the photo worker's report.
  const found = new Set<string>([...Object.values(STATUS_DETAIL), ...Object.values(FACE_ENGINE_DETAILS)]);
  for (const file of sources(HARDWARE)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/detail: '([^']*)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/make\('[a-zA-Z]+', '([^']*)'\)/g)) found.add(m[1]!);
    for (const m of text.matchAll(/withPaper\('[a-zA-Z]+', '([^']*)'\)/g)) found.add(m[1]!);
  }
  for (const code of ['noStatusReply', 'garbledStatusReply', 'linkError', 'noJobYet', 'lastJobSent', 'lastJobFailed', 'notConfigured', 'noDriver']) found.add(code);
  return [...found].sort();
}

describe('device details', () => {
  it('are codes, not sentences', () => {
    expect(detailsSet().length).toBeGreaterThan(25);
    for (const code of detailsSet()) expect(code, code).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it('are each known to the staff screen, with text in every locale', () => {
    for (const code of detailsSet()) {
      expect(KNOWN_DETAILS, code).toContain(code);
      for (const [lang, res] of Object.entries(resources)) {
        const text = (res.translation as unknown as { staff: { detail: Record<string, string> } }).staff.detail[code];
        expect(typeof text === 'string' && text.length > 0, `${lang} staff.detail.${code}`).toBe(true);
      }
    }
  });
});
