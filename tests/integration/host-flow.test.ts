import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView, Lang } from '../../shared/contract';
import { parseReference } from '../../shared/domain/reference';
import { maskResidentId } from '../../shared/domain/resident-id';
import type { Host } from '../../electron/host/host';
import { type Sealer } from '../../electron/host/crypto/sealer';
import { submissionContext } from '../../electron/host/queue/enqueue';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { fixtureKeys } from '../fixtures/sealer';
import {
  call,
  countSubmissions,
  expectNoPersonalData,
  getView,
  receiptFiles,
  recordViews,
  removeTempDirs,
  send,
  startTestHost,
  tempDir,
  TEST_PHONE,
  waitForScreen,
  waitForView,
  withDb,
  ZHANG,
  type TestHost,
} from './helpers';

const SERVICE = 'noCriminalRecord';
const TITLES: Record<Lang, string> = {
  'zh-CN': '申请无犯罪记录证明',
  en: 'Apply for a no-criminal-record certificate',
};
const MASKED_ID = '1101**********0012';
const DESTINATION = '示例国';

const ANSWERS = {
  purpose: { choice: 'job' },
  destination: { text: DESTINATION },
  phone: { text: TEST_PHONE },
  delivery: { choice: 'collect' },
};

interface SubmissionRow {
  reference: string;
  submission_key: string;
  service_id: string;
  state: string;
  lang: string;
  payload: Buffer;
}

const open: Host[] = [];

async function freshHost(dataDir = tempDir('kiosk-flow-')): Promise<TestHost> {
  const started = await startTestHost(dataDir);
  open.push(started.host);
  return started;
}

async function closeHost(host: Host): Promise<void> {
  open.splice(open.indexOf(host), 1);
  await host.close();
}

afterEach(async () => {
  for (const host of open.splice(0)) await host.close();
  removeTempDirs();
});

function submissions(dataDir: string): SubmissionRow[] {
  return withDb(dataDir, (db) =>
    db.prepare('SELECT reference, submission_key, service_id, state, lang, payload FROM submissions').all(),
  ) as SubmissionRow[];
}

function kioskSealer(dataDir: string): Sealer {
  return fixtureKeys(dataDir).sealer;
}

/** The persisted snapshots, opened with the kiosk's key; on disk they are sealed. */
function snapshotRows(dataDir: string): string[] {
  const sealer = kioskSealer(dataDir);
  return withDb(dataDir, (db) =>
    (db.prepare('SELECT slot, snapshot FROM flow_snapshots').all() as { slot: string; snapshot: Buffer }[]).map((r) => {
      expect(r.snapshot.includes(Buffer.from(ZHANG.name))).toBe(false);
      return sealerOpen(sealer, r.snapshot, `snapshot:${r.slot}`);
    }),
  );
}

function sealerOpen(sealer: Sealer, sealed: Buffer, context: string): string {
  return sealer.open(sealed, context).toString('utf8');
}

/** Start page -> identify -> zhang's card read -> first question. */
async function identify(host: Host, residentId = 'zhang'): Promise<FlowView> {
  const start = await send(host, { type: 'SELECT_SERVICE', serviceId: SERVICE });
  expect(start.screen).toBe('start');
  const waiting = await send(host, { type: 'CONTINUE' });
  expect(waiting.screen).toBe('identify');
  await call(host, 'sim:presentCard', { residentId });
  return waitForView(host, (v) => v.screen !== 'identify', 'the card to be read');
}

/** From the first question, answers until (and including) `until`. */
async function answerUntil(host: Host, until: keyof typeof ANSWERS): Promise<FlowView> {
  let view = await getView(host);
  for (const id of Object.keys(ANSWERS) as (keyof typeof ANSWERS)[]) {
    view = await send(host, { type: 'ANSWER', questionId: id, value: ANSWERS[id] });
    if (id === until) break;
  }
  return view;
}

async function toCheck(host: Host): Promise<FlowView> {
  await identify(host);
  const view = await answerUntil(host, 'delivery');
  expect(view.screen).toBe('check');
  return view;
}

function readReceipt(file: string) {
  return decodeEscPos(new Uint8Array(fs.readFileSync(file)));
}

/** The whole no-criminal-record service, checking every returned view and what was stored and printed. */
async function runWholeService(lang: Lang): Promise<void> {
  const { host, dataDir, lines } = await freshHost();
  const pushed = recordViews(host);
  const expectPushed = (view: FlowView) => expect(pushed.views.at(-1)).toEqual(view);

  const welcome = await getView(host);
  expect(welcome).toMatchObject({ screen: 'welcome', lang: 'zh-CN', serviceId: null, applicant: null, answers: {} });

  if (lang !== 'zh-CN') {
    const switched = await send(host, { type: 'SET_LANG', lang });
    expect(switched).toMatchObject({ screen: 'welcome', lang });
    expectPushed(switched);
  }

  const start = await send(host, { type: 'SELECT_SERVICE', serviceId: SERVICE });
  expect(start).toMatchObject({ screen: 'start', serviceId: SERVICE, lang, question: null, applicant: null });
  expect(start.sessionId).toBe(welcome.sessionId);
  expectPushed(start);

  const waiting = await send(host, { type: 'CONTINUE' });
  expect(waiting).toMatchObject({ screen: 'identify', applicant: null, identifyError: null });
  expectPushed(waiting);

  const status = await call(host, 'sim:presentCard', { residentId: 'zhang' });
  expect(status.cardPresent).toBe('zhang');
  const first = await waitForScreen(host, 'question');
  expect(first).toMatchObject({
    question: { id: 'purpose', index: 0, total: 4 },
    answers: {},
    applicant: { name: ZHANG.name, idNumberMasked: MASKED_ID },
    error: null,
  });
  expect(first.applicant?.idNumberMasked).toBe(maskResidentId(ZHANG.idNumber));
  expectPushed(first);

  const expected: Record<string, unknown> = {};
  const steps = [
    { id: 'purpose', next: 'destination' },
    { id: 'destination', next: 'phone' },
    { id: 'phone', next: 'delivery' },
  ] as const;
  for (const [index, step] of steps.entries()) {
    const view = await send(host, { type: 'ANSWER', questionId: step.id, value: ANSWERS[step.id] });
    expected[step.id] = ANSWERS[step.id];
    expect(view).toMatchObject({ screen: 'question', question: { id: step.next, index: index + 1, total: 4 }, error: null });
    expect(view.answers).toEqual(expected);
    expect(view.applicant).toEqual({ name: ZHANG.name, idNumberMasked: MASKED_ID });
    expectPushed(view);
  }

  const check = await send(host, { type: 'ANSWER', questionId: 'delivery', value: ANSWERS.delivery });
  expect(check).toMatchObject({ screen: 'check', question: null, returnToCheck: false, reference: null });
  expect(check.answers).toEqual(ANSWERS);
  expectPushed(check);

  const submitting = await send(host, { type: 'SUBMIT' });
  expect(submitting.screen).toBe('submitting');
  const done = await waitForView(host, (v) => v.screen === 'confirmation' && v.print === 'printed', 'the slip to be printed');
  expect(done.sessionId).toBe(welcome.sessionId);
  expect(done.answers).toEqual(ANSWERS);
  expectPushed(done);

  const reference = done.reference;
  if (reference === null) throw new Error('The confirmation shows no reference.');
  const parsed = parseReference(reference);
  expect(parsed).toEqual({ ok: true, value: reference });
  expect(reference.startsWith('JN-K01')).toBe(true);

  // Read back with a connection of our own: the row is in the file, not only in the host's memory.
  const rows = submissions(dataDir);
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row).toMatchObject({ state: 'queued', service_id: SERVICE, reference, lang, submission_key: welcome.sessionId });
  // Sealed on disk: the ID number is not in the row's bytes, and the kiosk's key opens it.
  expect(row.payload.includes(Buffer.from(ZHANG.idNumber))).toBe(false);
  const payload = JSON.parse(sealerOpen(kioskSealer(dataDir), row.payload, submissionContext(reference))) as { answers: unknown; applicant: { idNumber: string } };
  expect(payload.answers).toEqual(ANSWERS);
  expect(payload.applicant.idNumber).toBe(ZHANG.idNumber);

  const files = receiptFiles(dataDir);
  expect(files).toHaveLength(1);
  const receipt = readReceipt(files[0]!);
  expect(receipt.text).toContain(reference);
  expect(receipt.qr).toEqual([reference]);
  expect(receipt.cuts).toBe(1);
  expect(receipt.text).toContain(TITLES[lang]);
  for (const other of Object.keys(TITLES) as Lang[]) {
    if (other !== lang) expect(receipt.text).not.toContain(TITLES[other]);
  }
  // A slip left at the kiosk must not say who applied.
  expectNoPersonalData([receipt.text, ...receipt.qr]);

  const finished = await send(host, { type: 'FINISH' });
  expect(finished).toMatchObject({
    screen: 'welcome',
    lang: 'zh-CN',
    serviceId: null,
    applicant: null,
    answers: {},
    reference: null,
    print: 'none',
  });
  expect(finished.sessionId).not.toBe(welcome.sessionId);
  expectPushed(finished);

  // Nothing of the finished session stays in the snapshot table.
  const snapshots = snapshotRows(dataDir);
  for (const snapshot of snapshots) {
    expect(snapshot).not.toContain(welcome.sessionId);
    expect(snapshot).not.toContain(ZHANG.name);
    expect(snapshot).not.toContain(ZHANG.idNumber);
    expect(snapshot).not.toContain(TEST_PHONE);
  }
  expect(snapshots).toHaveLength(1);
  expect(snapshots[0]).toContain(finished.sessionId);

  expect(lines.some((line) => line.includes('queue.enqueued'))).toBe(true);
  expectNoPersonalData(lines);
  pushed.stop();
}

describe('the no-criminal-record service through the contract', () => {
  it('runs from welcome to a queued submission and a printed slip in Chinese', async () => {
    await runWholeService('zh-CN');
  });

  it('prints the slip in English when the resident switched language first', async () => {
    await runWholeService('en');
  });
});

describe('identity card problems', () => {
  it.each([
    ['wang-expired', 'expired'],
    ['damaged', 'unreadable'],
  ] as const)('card %s ends on identifyFailed with reason %s', async (residentId, reason) => {
    const { host, lines } = await freshHost();
    const failed = await identify(host, residentId);
    expect(failed).toMatchObject({ screen: 'identifyFailed', identifyError: reason, applicant: null, question: null });

    // Trying again with a good card gets the resident on.
    const retry = await send(host, { type: 'RETRY' });
    expect(retry).toMatchObject({ screen: 'identify', identifyError: null });
    await call(host, 'sim:presentCard', { residentId: 'zhang' });
    const question = await waitForScreen(host, 'question');
    expect(question.applicant?.idNumberMasked).toBe(MASKED_ID);
    expectNoPersonalData(lines);
  });
});

describe('answers', () => {
  it('keeps the resident on the phone question with phoneFormat for an invalid number', async () => {
    const { host, lines } = await freshHost();
    await identify(host);
    const onPhone = await answerUntil(host, 'destination');
    expect(onPhone.question?.id).toBe('phone');

    const invalid = await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: '12345' } });
    expect(invalid).toMatchObject({
      screen: 'question',
      question: { id: 'phone' },
      error: { questionId: 'phone', code: 'phoneFormat' },
    });
    expect(invalid.answers).toEqual({ purpose: ANSWERS.purpose, destination: ANSWERS.destination });

    // Spaces as typed on a keypad are forgiven; the error goes away.
    const ok = await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: '139 1234 5678' } });
    expect(ok).toMatchObject({ screen: 'question', question: { id: 'delivery' }, error: null });
    expect(ok.answers.phone).toEqual({ text: TEST_PHONE });
    expectNoPersonalData(lines);
  });

  it('CHANGE from check goes to that question and answering returns to check', async () => {
    const { host } = await freshHost();
    await toCheck(host);

    const change = await send(host, { type: 'CHANGE', questionId: 'destination' });
    expect(change).toMatchObject({ screen: 'question', question: { id: 'destination', index: 1 }, returnToCheck: true });
    expect(change.answers).toEqual(ANSWERS);

    const back = await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: '虚构市' } });
    expect(back).toMatchObject({ screen: 'check', returnToCheck: false, error: null });
    expect(back.answers).toEqual({ ...ANSWERS, destination: { text: '虚构市' } });
  });
});

describe('CANCEL', () => {
  const stages: [string, (host: Host) => Promise<unknown>][] = [
    ['start', (host) => send(host, { type: 'SELECT_SERVICE', serviceId: SERVICE })],
    [
      'identify',
      async (host) => {
        await send(host, { type: 'SELECT_SERVICE', serviceId: SERVICE });
        await send(host, { type: 'CONTINUE' });
      },
    ],
    ['identifyFailed', (host) => identify(host, 'damaged')],
    [
      'question',
      async (host) => {
        await identify(host);
        await answerUntil(host, 'destination');
      },
    ],
    ['check', (host) => toCheck(host)],
    [
      'confirmation',
      async (host) => {
        await toCheck(host);
        await send(host, { type: 'SUBMIT' });
        await waitForView(host, (v) => v.screen === 'confirmation' && v.print === 'printed', 'the slip');
      },
    ],
  ];

  it.each(stages)('from %s ends on welcome with a new session and nothing personal', async (stage, reach) => {
    const { host, dataDir, lines } = await freshHost();
    await reach(host);
    const before = await getView(host);
    expect(before.screen).toBe(stage);

    const after = await send(host, { type: 'CANCEL' });
    expect(after).toMatchObject({
      screen: 'welcome',
      serviceId: null,
      applicant: null,
      answers: {},
      question: null,
      reference: null,
      identifyError: null,
    });
    expect(after.sessionId).not.toBe(before.sessionId);
    expect(await getView(host)).toEqual(after);
    for (const snapshot of snapshotRows(dataDir)) {
      expect(snapshot).not.toContain(before.sessionId);
      expect(snapshot).not.toContain(ZHANG.idNumber);
    }
    expectNoPersonalData(lines);
  });
});

describe('the slip printer', () => {
  it('shows print failed when the paper is out, keeps the submission queued, and prints on RETRY', async () => {
    const { host, dataDir, lines } = await freshHost();
    await toCheck(host);
    const pushed: unknown[] = [];
    const stop = host.subscribe((event, payload) => {
      if (event === 'device:status') pushed.push(payload);
    });
    const out = await call(host, 'sim:setPaper', { paper: 'out' });
    expect(out.devices.receiptPrinter.paper).toBe('out');
    expect(pushed).toEqual([out.devices]);
    stop();

    await send(host, { type: 'SUBMIT' });
    const failed = await waitForView(host, (v) => v.screen === 'confirmation' && v.print === 'failed', 'print failed');
    const reference = failed.reference;
    expect(reference).not.toBeNull();
    expect(submissions(dataDir)).toMatchObject([{ reference, state: 'queued' }]);
    expect(receiptFiles(dataDir)).toEqual([]);

    await call(host, 'sim:setPaper', { paper: 'full' });
    await send(host, { type: 'RETRY' });
    const printed = await waitForView(host, (v) => v.print === 'printed', 'the slip to be printed');
    expect(printed).toMatchObject({ screen: 'confirmation', reference });

    const files = receiptFiles(dataDir);
    expect(files).toHaveLength(1);
    const receipt = readReceipt(files[0]!);
    expect(receipt.qr).toEqual([reference]);
    expect(receipt.text).toContain(reference);
    expect(countSubmissions(dataDir)).toBe(1);
    expect(lines.some((line) => line.includes('printer.slipFailed'))).toBe(true);
    expectNoPersonalData(lines);
  });
});

describe('crash and restart', () => {
  it('resumes on the same question with the same answers, and the flow can be finished', async () => {
    const dataDir = tempDir('kiosk-restart-');
    const first = await freshHost(dataDir);
    await identify(first.host);
    const before = await answerUntil(first.host, 'destination');
    expect(before.question?.id).toBe('phone');
    await closeHost(first.host);

    const second = await freshHost(dataDir);
    const resumed = await getView(second.host);
    expect(resumed).toMatchObject({
      screen: 'question',
      question: { id: 'phone', index: 2, total: 4 },
      sessionId: before.sessionId,
      applicant: before.applicant,
    });
    expect(resumed.answers).toEqual(before.answers);

    await send(second.host, { type: 'ANSWER', questionId: 'phone', value: ANSWERS.phone });
    const check = await send(second.host, { type: 'ANSWER', questionId: 'delivery', value: ANSWERS.delivery });
    expect(check.answers).toEqual(ANSWERS);
    await send(second.host, { type: 'SUBMIT' });
    const done = await waitForView(second.host, (v) => v.print === 'printed', 'the slip to be printed');
    expect(submissions(dataDir)).toMatchObject([{ reference: done.reference, submission_key: before.sessionId }]);
    expectNoPersonalData([...first.lines, ...second.lines]);
  });

  it('does not queue a submission twice when the kiosk restarts right after SUBMIT', async () => {
    const dataDir = tempDir('kiosk-restart-');
    const first = await freshHost(dataDir);
    const check = await toCheck(first.host);
    // Crash in the window between the queue commit and the next persisted transition:
    // close in the same tick as SUBMIT, before the enqueue actor's result is delivered.
    const submitted = first.host.handle('flow:send', { type: 'SUBMIT' });
    const closed = closeHost(first.host);
    expect(await submitted).toMatchObject({ ok: true, value: { screen: 'submitting' } });
    await closed;
    expect(countSubmissions(dataDir)).toBe(1);
    const persisted = JSON.parse(snapshotRows(dataDir)[0] ?? 'null') as { value: unknown } | null;
    expect(persisted?.value).toMatchObject({ session: { steps: 'submitting' } });

    const second = await freshHost(dataDir);
    const done = await waitForView(second.host, (v) => v.screen === 'confirmation' && v.print === 'printed', 'the slip');
    expect(done.sessionId).toBe(check.sessionId);
    const rows = submissions(dataDir);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reference: done.reference, submission_key: check.sessionId });
    expectNoPersonalData([...first.lines, ...second.lines]);
  });

  it('comes back on the confirmation after a restart without queueing or printing again', async () => {
    const dataDir = tempDir('kiosk-restart-');
    const first = await freshHost(dataDir);
    await toCheck(first.host);
    await send(first.host, { type: 'SUBMIT' });
    const done = await waitForView(first.host, (v) => v.print === 'printed', 'the slip');
    await closeHost(first.host);

    const second = await freshHost(dataDir);
    const resumed = await getView(second.host);
    expect(resumed).toMatchObject({ screen: 'confirmation', print: 'printed', reference: done.reference });
    expect(countSubmissions(dataDir)).toBe(1);
    expect(receiptFiles(dataDir)).toHaveLength(1);

    const finished = await send(second.host, { type: 'FINISH' });
    expect(finished).toMatchObject({ screen: 'welcome', applicant: null, answers: {} });
    expect(snapshotRows(dataDir).join('\n')).not.toContain(ZHANG.name);
  });
});

describe('waitForScreen', () => {
  it('rejects with a message naming the screen when it does not come', async () => {
    const { host } = await freshHost();
    await expect(waitForScreen(host, 'check', 50)).rejects.toThrow(/Timed out after 50 ms waiting for screen "check"/);
  });

  it('resolves at once when the flow already shows the screen', async () => {
    const { host } = await freshHost();
    const view = await waitForScreen(host, 'welcome', 50);
    expect(view).toEqual(await getView(host));
  });
});
