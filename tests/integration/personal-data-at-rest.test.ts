import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import { SIM_RESIDENTS } from '../../electron/host/hardware/sim-residents';
import { getView, removeTempDirs, send, tempDir, testConfig, waitForView } from './helpers';

afterEach(() => removeTempDirs());

const RESIDENTS = SIM_RESIDENTS.filter((r) => r.card && r.id !== 'wang-expired');
const PHONES = ['13911110001', '13911110002', '13911110003', '13911110004'];
const DESTINATIONS = ['加拿大多伦多大学', 'Université de Montréal', '日本東京都', 'Fictional Employer Ltd'];

/** Every personal value the test submits, as the byte strings `strings` would find. */
function needles(): { label: string; bytes: Buffer[] }[] {
  const values: string[] = [];
  for (const r of RESIDENTS) values.push(r.card!.name, r.card!.idNumber, r.card!.address);
  values.push(...PHONES, ...DESTINATIONS);
  return values.map((v) => ({
    label: v,
    // UTF-8 as stored by JSON, and UTF-16 as some tools would write it.
    bytes: [Buffer.from(v, 'utf8'), Buffer.from(v, 'utf16le')],
  }));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('personal data at rest', () => {
  it('no name, ID number, phone, address or free-text answer is readable in the database, its WAL or the logs', async () => {
    const dataDir = tempDir('kiosk-at-rest-');
    // The host's own default logger: stderr plus the rotating file in <dataDir>/logs.
    const host = await createHost(testConfig(dataDir, { logLevel: 'debug' }));
    try {
      for (const [i, resident] of RESIDENTS.entries()) {
        await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
        await send(host, { type: 'CONTINUE' });
        await host.handle('sim:presentCard', { residentId: resident.id });
        await waitForView(host, (v) => v.screen === 'question', 'the first question');
        await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'other', text: DESTINATIONS[i]! } });
        await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: DESTINATIONS[i]! } });
        await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: PHONES[i]! } });
        // Mid-session: the snapshot with the card in it is on disk now (sealed).
        const files = filesUnder(dataDir);
        expect(files.some((f) => f.endsWith('kiosk.db-wal'))).toBe(true);
        await send(host, { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
        await send(host, { type: 'SUBMIT' });
        await waitForView(host, (v) => v.screen === 'confirmation' && v.print !== 'printing', 'the confirmation');
        // Leave one session open at the end, so the WAL holds a live snapshot.
        if (i < RESIDENTS.length - 1) await send(host, { type: 'FINISH' });
      }
      expect((await getView(host)).screen).toBe('confirmation');
      scan(dataDir, 'while running');
    } finally {
      await host.close();
    }
    scan(dataDir, 'after close');
    expect(fs.readdirSync(path.join(dataDir, 'logs')).length).toBeGreaterThan(0);
  });
});

function scan(dataDir: string, when: string) {
  const files = filesUnder(dataDir).filter((f) => !f.includes(`${path.sep}sim${path.sep}`));
  // The database, its WAL and the logs must all be there for the scan to mean anything.
  expect(files.some((f) => f.endsWith('kiosk.db'))).toBe(true);
  expect(files.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
  const found: string[] = [];
  for (const file of files) {
    const content = fs.readFileSync(file);
    for (const needle of needles()) {
      if (needle.bytes.some((b) => content.includes(b))) found.push(`${path.relative(dataDir, file)}: ${needle.label.slice(0, 2)}…`);
    }
  }
  expect(found, `personal data readable on disk ${when}`).toEqual([]);
}
