import fs from 'node:fs';
import { expect } from 'vitest';
import { devicesSchema, type Devices, type FlowView } from '../../shared/contract';
import { catalog, findService } from '../../shared/catalog/services';
import type { AnswerValue, ServiceDevice } from '../../shared/catalog/types';
import type { Identity } from '../../shared/flows/session';
import type { LookupData } from '../../shared/steps/lookup/lookup-kinds';
import { isReady } from '../../shared/hardware/types';
import type { HostConfig } from '../../electron/host/config';
import type { HostOptions } from '../../electron/host/host';
import type { Host } from '../../electron/host/host';
import { submissionContext } from '../../electron/host/queue/enqueue';
import type { PaymentRow } from '../../electron/host/store/repos/payments';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { drawPortrait, toJpeg } from '../fixtures/fake-camera';
import { fixtureKeys } from '../fixtures/sealer';
import {
  call,
  checkAnswers,
  checkPhoto,
  expectNoPersonalData,
  passFaceCheck,
  removeTempDirs,
  screenOf,
  send,
  startTestHost,
  tempDir,
  TEST_PHONE,
  waitForView,
  withDb,
  type TestHost,
} from './helpers';

/** Answers of the no-criminal-record service, in question order. */
export const NCR_ANSWERS: Record<string, AnswerValue> = {
  purpose: { choice: 'job' },
  destination: { text: '示例国' },
  phone: { text: TEST_PHONE },
  delivery: { choice: 'collect' },
};

/** Answers of the ID card renewal, in question order. */
export const RENEWAL_ANSWERS: Record<string, AnswerValue> = {
  renewalReason: { choice: 'expired' },
  phone: { text: TEST_PHONE },
  collection: { choice: 'collect' },
};

/** The renewal fee in the catalog: 20 yuan. */
export const RENEWAL_FEE_FEN = 2000;

/** Every host a test started (their logs are checked at the end), and those still open. */
const started: TestHost[] = [];
const open = new Set<Host>();

/** A host on a fresh (or the given) data folder; {@link closeAllHosts} closes it and checks its log. */
export async function openHost(dataDir = tempDir('kiosk-faults-'), overrides: Partial<HostConfig> = {}, opts: HostOptions = {}): Promise<TestHost> {
  const host = await startTestHost(dataDir, overrides, opts);
  started.push(host);
  open.add(host.host);
  return host;
}

/** Closes one host early (a crash in the same tick, a restart); its log is still checked at the end. */
export async function closeHost(host: Host): Promise<void> {
  if (!open.delete(host)) throw new Error('closeHost: that host was not opened by openHost, or was closed already.');
  await host.close();
}

/** For afterEach: closes every host still open, deletes the data folders, and fails on personal data in any log. */
export async function closeAllHosts(): Promise<void> {
  const hosts = started.splice(0);
  for (const host of [...open]) await host.close();
  open.clear();
  removeTempDirs();
  for (const entry of hosts) expectNoPersonalData(entry.lines);
}

// ---------------------------------------------------------------------------------------------
// Flow

/** welcome -> start -> identify, waiting for a card. */
export async function toIdentify(host: Host, serviceId: string): Promise<FlowView> {
  const start = await send(host, { type: 'SELECT_SERVICE', serviceId });
  expect(start.screen).toEqual({ name: 'start', serviceId });
  const waiting = await send(host, { type: 'CONTINUE' });
  expect(waiting.screen).toMatchObject({ name: 'identify', phase: 'present', method: 'idCard', error: null });
  return waiting;
}

/** Presents a card and waits until the flow has stopped waiting for one (the next step, or the failure). */
export async function presentCard(host: Host, residentId: string): Promise<FlowView> {
  await call(host, 'sim:presentCard', { residentId });
  return waitForView(host, (v) => !(v.screen.name === 'identify' && v.screen.phase === 'present'), `the ${residentId} card to be read`);
}

/** Answers every remaining question of the service from the first one, returning the last view. */
export async function answerAll(host: Host, answers: Record<string, AnswerValue>): Promise<FlowView> {
  let view: FlowView | undefined;
  for (const [questionId, value] of Object.entries(answers)) {
    view = await send(host, { type: 'ANSWER', questionId, value });
    if (view.screen.name === 'question') expect(view.screen.error, `answer to ${questionId}`).toBeNull();
  }
  if (!view) throw new Error('answerAll: no answers given.');
  return view;
}

/** The no-criminal-record service up to the check screen, with zhang's card. */
export async function ncrToCheck(host: Host): Promise<FlowView> {
  await toIdentify(host, 'noCriminalRecord');
  const first = await presentCard(host, 'zhang');
  expect(first.screen).toMatchObject({ name: 'question', question: { id: 'purpose' } });
  const check = await answerAll(host, NCR_ANSWERS);
  expect(check.screen.name).toBe('check');
  expect(checkAnswers(check)).toEqual(NCR_ANSWERS);
  return check;
}

let portrait: string | undefined;

/** A fictional sitter, 1280 x 720, as a camera would send it: JPEG in base64. */
export function portraitBase64(): string {
  portrait ??= Buffer.from(toJpeg(drawPortrait({ width: 1280, height: 720 }))).toString('base64');
  return portrait;
}

/** The ID card renewal up to the check screen: wang's expired card, answers, a photo that passes. */
export async function renewalToCheck(host: Host): Promise<FlowView> {
  await toIdentify(host, 'idCardRenewal');
  await presentCard(host, 'wang-expired');
  const first = await passFaceCheck(host);
  expect(first.screen).toMatchObject({ name: 'question', question: { id: 'renewalReason' }, error: null });
  const photo = await answerAll(host, RENEWAL_ANSWERS);
  expect(photo.screen).toMatchObject({ name: 'photo', spec: 'residentId', returnToCheck: false });
  const checked = await call(host, 'photo:check', { jpegBase64: portraitBase64() });
  if (!checked.ok) throw new Error(`The test portrait did not pass the photo check: ${checked.problems.join(', ')}`);
  const check = await send(host, { type: 'PHOTO_ACCEPT' });
  expect(check.screen).toMatchObject({ name: 'check', feeFen: RENEWAL_FEE_FEN });
  expect(checkAnswers(check)).toEqual(RENEWAL_ANSWERS);
  expect(checkPhoto(check)).toBe(checked.photoBase64);
  return check;
}

/** SUBMIT on a service with a fee, and waits until the payment QR code is shown. */
export async function submitToPaymentQr(host: Host): Promise<FlowView> {
  const paying = await send(host, { type: 'SUBMIT' });
  expect(paying.screen).toMatchObject({ name: 'payment', amountFen: RENEWAL_FEE_FEN });
  return waitForView(host, (v) => v.screen.name === 'payment' && v.screen.qrText !== null, 'the payment QR code');
}

/** The payment screen's QR code text, or null while there is none. */
export function qrTextOf(view: FlowView): string | null {
  return screenOf(view, 'payment').qrText;
}

// ---------------------------------------------------------------------------------------------
// Devices

/** Every pushed `device:status` event, checked against the contract. */
export function recordDeviceEvents(host: Host): { events: Devices[]; stop: () => void } {
  const events: Devices[] = [];
  const stop = host.subscribe((event, payload) => {
    if (event === 'device:status') events.push(devicesSchema.parse(payload));
  });
  return { events, stop };
}

export async function deviceStatus(host: Host): Promise<Devices> {
  return devicesSchema.parse(await call(host, 'device:status', {}));
}

/** Resolves with the first device statuses (now or pushed) that satisfy `matches`. */
export function waitForDevices(host: Host, matches: (d: Devices) => boolean, what: string, timeoutMs = 5_000): Promise<Devices> {
  return new Promise<Devices>((resolve, reject) => {
    let done = false;
    let last: Devices | undefined;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      outcome();
    };
    const consider = (d: Devices) => {
      last = d;
      if (matches(d)) finish(() => resolve(d));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last seen: ${JSON.stringify(last ?? null)})`))),
      timeoutMs,
    );
    const stop = host.subscribe((event, payload) => {
      if (event === 'device:status') consider(devicesSchema.parse(payload));
    });
    deviceStatus(host).then(consider, (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))));
  });
}

/**
 * Which services the welcome screen offers with these statuses: a service is available while
 * every device in its catalog entry is ready (`isReady`).
 */
export function availability(devices: Devices): Record<string, boolean> {
  return Object.fromEntries(catalog.map((s) => [s.id, s.devices.every((d) => isReady(devices[d]))]));
}

/**
 * Which services the welcome screen should offer when exactly `down` are not ready: those that
 * need none of them. Kept beside the concrete expectations, so a test still holds as services
 * are added to the catalog.
 */
export function offeredWithout(down: readonly ServiceDevice[]): Record<string, boolean> {
  return Object.fromEntries(catalog.map((s) => [s.id, !s.devices.some((d) => down.includes(d))]));
}

/** The devices of a service that are not ready, for readable failure messages. */
export function notReady(devices: Devices, serviceId: string): string[] {
  const entry = findService(serviceId);
  if (!entry) throw new Error(`No service ${serviceId}.`);
  return entry.devices.filter((d) => !isReady(devices[d]));
}

// ---------------------------------------------------------------------------------------------
// What was stored and printed

export interface SubmissionRow {
  reference: string;
  submission_key: string;
  service_id: string;
  state: string;
  payload: Buffer;
}

export function submissionRows(dataDir: string): SubmissionRow[] {
  return withDb(dataDir, (db) =>
    db.prepare('SELECT reference, submission_key, service_id, state, payload FROM submissions ORDER BY id').all(),
  ) as SubmissionRow[];
}

export interface OpenedPayload {
  applicant: Identity;
  answers: Record<string, AnswerValue>;
  photo?: string;
  payment?: { orderId: string; transactionId: string; amountFen: number };
  lookups?: Record<string, LookupData>;
}

/** A submission's sealed payload, opened with the kiosk's own key. */
export function openPayload(dataDir: string, row: SubmissionRow): OpenedPayload {
  const { sealer } = fixtureKeys(dataDir);
  return JSON.parse(sealer.open(row.payload, submissionContext(row.reference)).toString('utf8')) as OpenedPayload;
}

export function paymentRows(dataDir: string): PaymentRow[] {
  return withDb(dataDir, (db) =>
    db
      .prepare(
        `SELECT order_id AS orderId, submission_key AS submissionKey, service_id AS serviceId, amount_fen AS amountFen, state,
           transaction_id AS transactionId, created_at AS createdAt, updated_at AS updatedAt, paid_at AS paidAt,
           submission_reference AS submissionReference
         FROM payments ORDER BY created_at, order_id`,
      )
      .all(),
  ) as PaymentRow[];
}

/** The decoded text and QR payloads of a receipt job file. */
export function readReceipt(file: string) {
  return decodeEscPos(new Uint8Array(fs.readFileSync(file)));
}

/**
 * Polls `check` until it returns a value other than undefined, for state that changes without
 * an event the test can subscribe to (a row written after the terminal answered). Bounded.
 */
export async function waitUntil<T>(check: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}
