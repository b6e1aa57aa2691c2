import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findService } from '../../shared/catalog/services';
import type { Host } from '../../electron/host/host';
import { createHost } from '../../electron/host/host';
import { SIM_RESIDENTS } from '../../electron/host/hardware/sim-residents';
import { SimPlatform } from '../../electron/host/platform/platform.sim';
import { matching } from '../fixtures/matchers';
import { openPayload, submissionRows } from './faults-helpers';
import { getView, removeTempDirs, send, tempDir, testConfig, waitForView } from './helpers';

afterEach(() => removeTempDirs());

const RESIDENTS = SIM_RESIDENTS.filter((r) => r.card && r.id !== 'wang-expired');
const PHONES = ['13911110001', '13911110002', '13911110003', '13911110004', '13911110005'];
const DESTINATIONS = ['加拿大多伦多大学', 'Université de Montréal', '日本東京都', 'Fictional Employer Ltd', '虚构国立音乐学院'];
const CERTIFICATE_PURPOSES = ['虚构市第一中学入学', 'Fictional Pension Office'];

/** What the simulated platform holds of a resident's household: it goes into the submission's lookups. */
async function householdOf(idNumber: string): Promise<string[]> {
  const found = await new SimPlatform().lookup('household', { idNumber }).catch(() => undefined);
  return found?.kind === 'household' ? [found.data.householdNumber, found.data.address] : [];
}

/** The residents the platform has a household entry for. */
async function householders() {
  const out: { resident: (typeof RESIDENTS)[number]; household: string[] }[] = [];
  for (const resident of RESIDENTS) {
    const household = await householdOf(resident.card!.idNumber);
    if (household.length > 0) out.push({ resident, household });
  }
  return out;
}

/** Every personal value the test submits, as the byte strings `strings` would find. */
async function needles(): Promise<{ label: string; bytes: Buffer[] }[]> {
  const values: string[] = [];
  for (const r of RESIDENTS) values.push(r.card!.name, r.card!.idNumber, r.card!.address);
  for (const { household } of await householders()) values.push(...household);
  values.push(...PHONES, ...DESTINATIONS, ...CERTIFICATE_PURPOSES);
  return values.map((v) => ({
    label: v,
    // UTF-8 as stored by JSON, and UTF-16 as some tools would write it.
    bytes: [Buffer.from(v, 'utf8'), Buffer.from(v, 'utf16le')],
  }));
}

/**
 * A household-register certificate: the platform's household entry (number, address) is looked
 * up, kept in the session and sealed into the submission's lookups, and printed on A4.
 */
async function householdCertificate(host: Host, residentId: string, purpose: string): Promise<void> {
  await send(host, { type: 'SELECT_SERVICE', serviceId: 'householdCertificate' });
  await send(host, { type: 'CONTINUE' });
  await host.handle('sim:presentCard', { residentId });
  await waitForView(host, (v) => v.screen.name === 'question', 'the question after the lookup');
  const check = await send(host, { type: 'ANSWER', questionId: 'certificatePurpose', value: { choice: 'other', text: purpose } });
  expect(check.screen.name).toBe('check');
  await send(host, { type: 'SUBMIT' });
  await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status !== 'printing', 'the confirmation');
  expect(await send(host, { type: 'FINISH' })).toMatchObject({ screen: { name: 'rating' } });
  await send(host, { type: 'RATE', level: 4 });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('personal data at rest', () => {
  it('no name, ID number, phone, address, household entry or free-text answer is readable in the database, its WAL or the logs', async () => {
    // The household certificate is the catalog's service whose submission carries a lookup.
    expect(findService('householdCertificate')?.steps).toContainEqual(expect.objectContaining({ kind: 'lookup', lookup: 'household' }));
    const dataDir = tempDir('kiosk-at-rest-');
    // The host's own default logger: stderr plus the rotating file in <dataDir>/logs.
    const host = await createHost(testConfig(dataDir, { logLevel: 'debug' }));
    try {
      // One phone and one destination per sample resident.
      expect(Math.min(PHONES.length, DESTINATIONS.length)).toBeGreaterThanOrEqual(RESIDENTS.length);
      const withHousehold = await householders();
      expect(withHousehold.length).toBeGreaterThan(0);
      for (const [i, { resident }] of withHousehold.slice(0, CERTIFICATE_PURPOSES.length).entries()) {
        await householdCertificate(host, resident.id, CERTIFICATE_PURPOSES[i]!);
      }
      for (const [i, resident] of RESIDENTS.entries()) {
        await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
        await send(host, { type: 'CONTINUE' });
        await host.handle('sim:presentCard', { residentId: resident.id });
        await waitForView(host, (v) => v.screen.name === 'question', 'the first question');
        await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'other', text: DESTINATIONS[i]! } });
        await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: DESTINATIONS[i]! } });
        await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: PHONES[i]! } });
        // Mid-session: the snapshot with the card in it is on disk now (sealed).
        const files = filesUnder(dataDir);
        expect(files.some((f) => f.endsWith('kiosk.db-wal'))).toBe(true);
        await send(host, { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
        await send(host, { type: 'SUBMIT' });
        await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status !== 'printing', 'the confirmation');
        // Leave one session open at the end, so the WAL holds a live snapshot.
        if (i < RESIDENTS.length - 1) {
          await send(host, { type: 'FINISH' });
          await send(host, { type: 'SKIP' });
        }
      }
      expect((await getView(host)).screen.name).toBe('confirmation');
      await scan(dataDir, 'while running');
    } finally {
      await host.close();
    }
    await scan(dataDir, 'after close');
    // The scan is about something: the certificates' submissions do carry the household entry, sealed.
    const sealed = submissionRows(dataDir).filter((r) => r.service_id === 'householdCertificate').map((r) => openPayload(dataDir, r).lookups?.household);
    expect(sealed.length).toBeGreaterThan(0);
    for (const found of sealed) expect(found).toMatchObject({ kind: 'household', data: { householdNumber: matching(/^\d+$/), address: matching(/./) } });
    expect(fs.readdirSync(path.join(dataDir, 'logs')).length).toBeGreaterThan(0);
  });
});

async function scan(dataDir: string, when: string) {
  const files = filesUnder(dataDir).filter((f) => !f.includes(`${path.sep}sim${path.sep}`));
  // The database, its WAL and the logs must all be there for the scan to mean anything.
  expect(files.some((f) => f.endsWith('kiosk.db'))).toBe(true);
  expect(files.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
  const found: string[] = [];
  const all = await needles();
  for (const file of files) {
    const content = fs.readFileSync(file);
    for (const needle of all) {
      if (needle.bytes.some((b) => content.includes(b))) found.push(`${path.relative(dataDir, file)}: ${needle.label.slice(0, 2)}…`);
    }
  }
  expect(found, `personal data readable on disk ${when}`).toEqual([]);
}
