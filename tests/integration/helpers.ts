import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { expect, inject } from 'vitest';
import {
  flowViewSchema,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type FlowEvent,
  type FlowView,
  type ScreenName,
  type ScreenOf,
  type StaffSession,
} from '../../shared/contract';
import { issueSetupCode } from '../../electron/host/staff/setup-code';
import type { AnswerValue } from '../../shared/catalog/types';
import type { HostConfig } from '../../electron/host/config';
import { createHost, type Host, type HostOptions } from '../../electron/host/host';
import { createLogger } from '../../electron/host/log/logger';
import { SIM_RESIDENTS } from '../../electron/host/hardware/sim-residents';
import { SIM_DOCUMENTS } from '../../electron/host/hardware/sim-documents';
import { SimPlatform } from '../../electron/host/platform/platform.sim';
import { parseMrz } from '../../shared/domain/mrz';
import { simHostConfig } from '../fixtures/host-config';
import { swayingBurst } from '../fixtures/faces/bursts';

const created: string[] = [];

/** A fresh, empty data folder for one test; {@link removeTempDirs} deletes it afterwards. */
export function tempDir(prefix = 'kiosk-it-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Deletes every folder made by {@link tempDir}; call after the hosts are closed. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Host settings for tests: simulators, long idle timers so that no timer fires mid-test. */
export function testConfig(dataDir: string, overrides: Partial<HostConfig> = {}): HostConfig {
  return simHostConfig(dataDir, { idleWarnMs: 60_000, idleResetMs: 30_000, logLevel: 'debug', version: '0.0.0-test', ...overrides });
}

export interface TestHost {
  host: Host;
  dataDir: string;
  /** Every log line the host wrote. */
  lines: string[];
}

/**
 * A host on a real SQLite file in `dataDir`, logging into `lines`, checking photos with the worker
 * bundled for this run (tests/global-setup.ts); `opts` can replace either.
 */
export async function startTestHost(dataDir: string, overrides: Partial<HostConfig> = {}, opts: HostOptions = {}): Promise<TestHost> {
  const lines: string[] = [];
  const host = await createHost(testConfig(dataDir, overrides), {
    log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
    photoWorkerScript: inject('photoWorkerScript'),
    ...opts,
  });
  return { host, dataDir, lines };
}

/** Runs a command that must succeed and returns its value, typed by the contract. */
export async function call<C extends CommandName>(
  host: Host,
  command: C,
  request: CommandRequest<C>,
): Promise<CommandResponse<C>> {
  const result = await host.handle(command, request);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as CommandResponse<C>;
}

/** Sends a flow event and returns the view, checked against the contract's schema. */
export async function send(host: Host, event: FlowEvent): Promise<FlowView> {
  return flowViewSchema.parse(await call(host, 'flow:send', event));
}

/** The current view, checked against the contract's schema. */
export async function getView(host: Host): Promise<FlowView> {
  return flowViewSchema.parse(await call(host, 'flow:get', {}));
}

/**
 * Resolves with the first view that satisfies `matches`: the current one if it already does,
 * else the next pushed `flow:snapshot`. Rejects after `timeoutMs` naming what it waited for.
 */
export function waitForView(
  host: Host,
  matches: (view: FlowView) => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<FlowView> {
  return new Promise<FlowView>((resolve, reject) => {
    let last: FlowView | undefined;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      outcome();
    };
    const consider = (view: FlowView) => {
      last = view;
      if (matches(view)) finish(() => resolve(view));
    };
    const timer = setTimeout(() => {
      const seen = last ? `screen ${JSON.stringify(last.screen).slice(0, 200)}` : 'no view';
      finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last seen: ${seen})`)));
    }, timeoutMs);
    // Subscribe before reading the current view, so a transition in between is not missed.
    const unsubscribe = host.subscribe((event, payload) => {
      if (event === 'flow:snapshot') consider(flowViewSchema.parse(payload));
    });
    getView(host).then(consider, (error: unknown) =>
      finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

/**
 * Polls `check` until it holds, for work that runs on real time in the background (the uplink
 * talking to a platform on 127.0.0.1); the bound is generous, so a busy machine only waits longer.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves when the flow shows `screen` (now or on a later pushed view). */
export function waitForScreen(host: Host, screen: ScreenName, timeoutMs = 5_000): Promise<FlowView> {
  return waitForView(host, (view) => view.screen.name === screen, `screen "${screen}"`, timeoutMs);
}

/** The view's screen, narrowed to `name`; throws, naming the screen shown instead, when it is another. */
export function screenOf<N extends ScreenName>(view: FlowView, name: N): ScreenOf<N> {
  if (view.screen.name !== name) throw new Error(`Expected the ${name} screen, got ${JSON.stringify(view.screen).slice(0, 200)}`);
  return view.screen as ScreenOf<N>;
}

/** The answers the check page lists, by question id. */
export function checkAnswers(view: FlowView): Record<string, AnswerValue> {
  return Object.fromEntries(screenOf(view, 'check').rows.flatMap((row) => (row.kind === 'answer' ? [[row.question.id, row.value]] : [])));
}

/** The photo the check page shows (its photo row), or undefined when it has no photo row. */
export function checkPhoto(view: FlowView): string | null | undefined {
  return screenOf(view, 'check').rows.find((row) => row.kind === 'photo')?.photo;
}

/** From the confirmation: FINISH leads to the rating, and SKIP ends the session on a new welcome screen. */
export async function finishSession(host: Host): Promise<FlowView> {
  const rating = await send(host, { type: 'FINISH' });
  expect(rating.screen.name).toBe('rating');
  const welcome = await send(host, { type: 'SKIP' });
  expect(welcome.screen).toEqual({ name: 'welcome' });
  return welcome;
}

/**
 * On the face check (its photo being prepared, or ready): the holder looks at the camera, and the
 * view after the match. The sample residents with a photo all carry the portrait in HOLDER_BURST.
 */
export async function passFaceCheck(host: Host): Promise<FlowView> {
  const ready = await waitForView(host, (v) => v.screen.name !== 'faceVerify' || v.screen.phase !== 'preparing', 'the photo to compare with', 30_000);
  expect(ready.screen).toMatchObject({ name: 'faceVerify', phase: 'ready' });
  await call(host, 'camera:report', { state: 'online' });
  holderBurst ??= swayingBurst('collins');
  expect(await call(host, 'face:verify', { frames: holderBurst })).toEqual({ outcome: 'matched' });
  return getView(host);
}
let holderBurst: string[] | undefined;

/** Records every pushed flow:snapshot view. */
export function recordViews(host: Host): { views: FlowView[]; stop: () => void } {
  const views: FlowView[] = [];
  const stop = host.subscribe((event, payload) => {
    if (event === 'flow:snapshot') views.push(flowViewSchema.parse(payload));
  });
  return { views, stop };
}

/** The fictional resident 'zhang' of the simulator. */
export const ZHANG = (() => {
  const card = SIM_RESIDENTS.find((r) => r.id === 'zhang')?.card;
  if (!card) throw new Error('The simulator has no resident "zhang".');
  return card;
})();

/** A fictional mobile number used as the phone answer. */
export const TEST_PHONE = '13912345678';

// What the simulated platform knows of the sample residents that their cards do not say.
const householdLookups = (): Promise<string[]> => {
  const platform = new SimPlatform();
  return Promise.all(
    SIM_RESIDENTS.flatMap((r) => (r.card ? [r.card.idNumber] : [])).map((idNumber) =>
      platform.lookup('household', { idNumber }).then(
        (found) => (found.kind === 'household' ? [found.data.householdNumber, found.data.address] : []),
        () => [],
      ),
    ),
  ).then((all) => all.flat());
};
const PLATFORM_DATA = await householdLookups();

// The sample travel documents: their numbers and, for a passport, the holder's name.
const DOCUMENT_DATA = SIM_DOCUMENTS.flatMap((d) => {
  const zone = parseMrz(d.mrz);
  if (!zone.ok) throw new Error(`The sample document ${d.id} does not parse.`);
  return [d.label, zone.value.documentNumber, ...(zone.value.surname ? [[zone.value.surname, zone.value.givenNames].filter(Boolean).join(' ')] : [])];
});

/**
 * Every name, ID number and address of the sample residents, what the simulated platform holds
 * of them (household numbers and addresses, which go into a submission's lookups), the sample
 * travel documents' numbers and names, and the test phone number.
 */
export const PERSONAL_DATA: readonly string[] = [
  ...SIM_RESIDENTS.flatMap((r) => (r.card ? [r.card.name, r.card.idNumber, r.card.address, r.label] : [r.label])),
  ...PLATFORM_DATA,
  ...DOCUMENT_DATA,
  TEST_PHONE,
];

/** Fails when any log line (or other text) carries personal data of the test residents. */
export function expectNoPersonalData(texts: readonly string[]): void {
  const joined = texts.join('\n');
  for (const secret of PERSONAL_DATA) {
    expect(joined, 'personal data in output').not.toContain(secret);
  }
}

/** Opens the host's database file with a separate, read-only connection. */
export function openReadOnly(dataDir: string): Database {
  return new BetterSqlite3(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
}

/** Runs `fn` against a separate read-only connection to the host's database, then closes it. */
export function withDb<T>(dataDir: string, fn: (db: Database) => T): T {
  const db = openReadOnly(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** How many submissions the host's database holds. */
export function countSubmissions(dataDir: string): number {
  return withDb(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n);
}

/** The folder the receipt printer simulator writes job files into. */
export function receiptsDir(dataDir: string): string {
  return path.join(dataDir, 'sim', 'receipts');
}

/** Job files the printer simulator wrote, in print order. */
export function receiptFiles(dataDir: string): string[] {
  const dir = receiptsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d+\.bin$/.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((name) => path.join(dir, name));
}

/** The fictional first admin every staff test signs in as. */
export const STAFF = { staffNumber: '100001', pin: '482916' } as const;

/**
 * Signs in station staff from the welcome screen: on a kiosk with no staff yet, as a new
 * kiosk's first admin with a setup code issued the way `npm run staff:setup` does it.
 */
export async function signInStaff(host: Host, dataDir: string): Promise<StaffSession> {
  const door = await call(host, 'door:status', {});
  const result = door.hasStaff
    ? await call(host, 'door:signIn', { method: 'number', ...STAFF })
    : await call(host, 'door:setUp', { setupCode: await issueSetupCode(dataDir, Date.now()), ...STAFF });
  if (!result.signedIn) throw new Error(`The staff sign-in was refused: ${result.reason}`);
  return result.session;
}

/** A no-criminal-record application by the fictional Zhang, answered up to the check page. */
export async function recordToCheck(host: Host): Promise<FlowView> {
  await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
  await send(host, { type: 'CONTINUE' });
  await call(host, 'sim:presentCard', { residentId: 'zhang' });
  await waitForView(host, (v) => v.screen.name === 'question', 'the first question');
  await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
  await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: 'Canada' } });
  await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
  return send(host, { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
}

/** The same application submitted, its slip printed: returns its reference. */
export async function submitRecord(host: Host): Promise<string> {
  await recordToCheck(host);
  await send(host, { type: 'SUBMIT' });
  const done = await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the confirmation, with the slip printed');
  return screenOf(done, 'confirmation').reference;
}
