/**
 * What the host keeps of a session's end: every print of a submission (printed, or pending to
 * be printed by reference later), and the optional rating, counted with no link to anyone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract';
import { localDate } from '../../shared/flows/session';
import type { Host } from '../../electron/host/host';
import { call, expectNoPersonalData, receiptFiles, screenOf, send, waitForView, withDb, ZHANG } from './helpers';
import { anyNumber, containing } from '../fixtures/matchers';
import { closeAllHosts, ncrToCheck, openHost, readReceipt } from './faults-helpers';

afterEach(closeAllHosts);

interface PrintJob {
  reference: string;
  step_id: string;
  output: string;
  document: string | null;
  state: string;
  document_number: string | null;
  attempts: number;
  last_error: string | null;
}

function printJobs(dataDir: string): PrintJob[] {
  return withDb(dataDir, (db) =>
    db.prepare('SELECT reference, step_id, output, document, state, document_number, attempts, last_error FROM print_jobs ORDER BY id').all(),
  ) as PrintJob[];
}

function printAudit(dataDir: string, reference: string): { action: string; detail: Record<string, unknown> }[] {
  return withDb(dataDir, (db) =>
    (db.prepare("SELECT action, detail FROM audit_log WHERE subject = ? AND action LIKE 'print.%' ORDER BY seq").all(reference) as { action: string; detail: string }[]).map((r) => ({
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
  );
}

function ratingRows(dataDir: string): Record<string, unknown>[] {
  return withDb(dataDir, (db) => db.prepare('SELECT * FROM ratings ORDER BY id').all()) as Record<string, unknown>[];
}

function confirmation(host: Host, status: 'printed' | 'failed', from = 0): Promise<FlowView> {
  return waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === status && v.seq >= from, `the slip to be ${status}`);
}

/** The no-criminal-record service submitted; the confirmation once the slip printed or failed. */
async function submitted(host: Host, status: 'printed' | 'failed'): Promise<string> {
  await ncrToCheck(host);
  await send(host, { type: 'SUBMIT' });
  return screenOf(await confirmation(host, status), 'confirmation').reference;
}

/** From the confirmation to the welcome screen (FINISH, then SKIP the rating), then "check a submission" of `reference`. */
async function checkSubmission(host: Host, reference: string): Promise<FlowView> {
  await send(host, { type: 'FINISH' });
  await send(host, { type: 'SKIP' });
  expect((await send(host, { type: 'LOOKUP' })).screen).toEqual({ name: 'lookup', error: null, reference: null, checking: false });
  await send(host, { type: 'LOOKUP_SUBMIT', reference });
  return waitForView(host, (v) => v.screen.name === 'lookupResult', 'the result of the check');
}

const slipJob = (reference: string, changes: Partial<PrintJob>): PrintJob => ({
  reference,
  step_id: 'slip',
  output: 'slip',
  document: null,
  state: 'printed',
  document_number: null,
  attempts: 1,
  last_error: null,
  ...changes,
});

describe('print jobs', () => {
  it('records a slip that printed as printed, audited by reference with nothing personal', async () => {
    const { host, dataDir, lines } = await openHost();
    const reference = await submitted(host, 'printed');
    expect(printJobs(dataDir)).toEqual([slipJob(reference, {})]);
    const audit = printAudit(dataDir, reference);
    expect(audit).toEqual([{ action: 'print.printed', detail: containing({ step: 'slip', output: 'slip', documentNumber: null, error: null }) }]);
    expectNoPersonalData([...lines, JSON.stringify(audit)]);

    // Nothing is left to print: "check a submission" offers no reprint, and REPRINT does nothing.
    const result = await checkSubmission(host, reference);
    expect(result.screen).toMatchObject({ name: 'lookupResult', reference, result: { found: true, toPrint: [] }, reprint: 'none' });
    const after = await send(host, { type: 'REPRINT' });
    expect(after.screen).toEqual(result.screen);
    expect(receiptFiles(dataDir)).toHaveLength(1);
  });

  it('records a jammed slip as pending; RETRY on the confirmation prints it and the record says so', async () => {
    const { host, dataDir } = await openHost();
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'jamNextJob' });
    const reference = await submitted(host, 'failed');
    expect(printJobs(dataDir)).toEqual([slipJob(reference, { state: 'pending', last_error: 'hardwareError' })]);
    expect(printAudit(dataDir, reference).map((a) => a.action)).toEqual(['print.pending']);

    const retry = await send(host, { type: 'RETRY' });
    await confirmation(host, 'printed', retry.seq);
    expect(printJobs(dataDir)).toEqual([slipJob(reference, { attempts: 2 })]);
    expect(printAudit(dataDir, reference).map((a) => a.action)).toEqual(['print.pending', 'print.printed']);
  });

  it('a slip left pending is listed by "check a submission", and REPRINT prints it and clears it', async () => {
    const { host, dataDir, lines } = await openHost();
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'jamNextJob' });
    const reference = await submitted(host, 'failed');
    expect(receiptFiles(dataDir)).toEqual([]);

    const result = await checkSubmission(host, reference);
    expect(result.screen).toEqual({
      name: 'lookupResult',
      reference,
      result: { found: true, serviceId: 'noCriminalRecord', state: 'queued', certificateReady: false, submittedAt: anyNumber(), toPrint: ['slip'], review: null },
      reprint: 'none',
    });
    // What a stranger at the kiosk can see of a reference: no name, no ID number.
    expect(JSON.stringify(result)).not.toContain(ZHANG.name);
    expect(JSON.stringify(result)).not.toContain(ZHANG.idNumber);

    const reprinting = await send(host, { type: 'REPRINT' });
    expect(reprinting.screen).toMatchObject({ name: 'lookupResult', reprint: 'printing' });
    const done = await waitForView(
      host,
      (v) => v.screen.name === 'lookupResult' && v.screen.result.found && v.screen.result.toPrint.length === 0,
      'the reprinted slip to be cleared from the list',
    );
    expect(done.screen).toMatchObject({ reference, result: { found: true, toPrint: [] } });
    expect(printJobs(dataDir)).toEqual([slipJob(reference, { attempts: 2 })]);

    // The slip the resident takes: the reference and its QR code.
    const files = receiptFiles(dataDir);
    expect(files).toHaveLength(1);
    const slip = readReceipt(files[0]!);
    expect(slip.qr).toEqual([reference]);
    expect(slip.text).toContain(reference);
    expect(lines.some((l) => l.includes('"print.reprinted"'))).toBe(true);
    expectNoPersonalData([...lines, slip.text]);

    // Printed now: a second REPRINT has nothing to print.
    await send(host, { type: 'REPRINT' });
    expect(receiptFiles(dataDir)).toHaveLength(1);
  });

  it('a reprint while the printer is still out of paper says notReady and keeps the slip on the list', async () => {
    const { host, dataDir } = await openHost();
    // The paper runs out after the resident began (before it, the service is not offered).
    await ncrToCheck(host);
    await call(host, 'sim:setPaper', { paper: 'out' });
    await send(host, { type: 'SUBMIT' });
    const reference = screenOf(await confirmation(host, 'failed'), 'confirmation').reference;
    expect(printJobs(dataDir)).toEqual([slipJob(reference, { state: 'pending', last_error: 'deviceNotReady' })]);

    await checkSubmission(host, reference);
    await send(host, { type: 'REPRINT' });
    const refused = await waitForView(host, (v) => v.screen.name === 'lookupResult' && v.screen.reprint === 'notReady', 'the reprint to be refused');
    expect(refused.screen).toMatchObject({ result: { toPrint: ['slip'] } });
    expect(printJobs(dataDir)).toEqual([slipJob(reference, { state: 'pending', attempts: 2, last_error: 'deviceNotReady' })]);

    await call(host, 'sim:setPaper', { paper: 'full' });
    await send(host, { type: 'REPRINT' });
    await waitForView(host, (v) => v.screen.name === 'lookupResult' && v.screen.result.found && v.screen.result.toPrint.length === 0, 'the slip to be reprinted');
    expect(printJobs(dataDir)).toEqual([slipJob(reference, { attempts: 3 })]);
    expect(receiptFiles(dataDir)).toHaveLength(1);
  });
});

describe('ratings', () => {
  it('saves a rating as the service, the level, the reason and the day: nothing else, and ends the session', async () => {
    const { host, dataDir, lines } = await openHost();
    const reference = await submitted(host, 'printed');
    const before = await send(host, { type: 'FINISH' });
    expect(before.screen).toEqual({ name: 'rating', stepId: 'rating' });

    const welcome = await send(host, { type: 'RATE', level: 4, reason: 'fast' });
    const fresh = welcome.screen.name === 'welcome' ? welcome : await waitForView(host, (v) => v.screen.name === 'welcome', 'the welcome screen');
    expect(fresh.sessionId).not.toBe(before.sessionId);
    expect(ratingRows(dataDir)).toEqual([{ id: 1, service_id: 'noCriminalRecord', level: 4, reason: 'fast', day: localDate(new Date()) }]);
    // No column that could tie a rating to a resident, a session or a submission.
    const columns = withDb(dataDir, (db) => db.prepare("SELECT name FROM pragma_table_info('ratings')").pluck().all());
    expect(columns).toEqual(['id', 'service_id', 'level', 'reason', 'day']);
    const logged = lines.filter((l) => l.includes('"rating.saved"'));
    expect(logged).toHaveLength(1);
    for (const secret of [reference, before.sessionId]) {
      expect(logged[0]).not.toContain(secret);
      expect(JSON.stringify(ratingRows(dataDir))).not.toContain(secret);
    }
    // Not audited with the submission either.
    expect(withDb(dataDir, (db) => db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'rating%'").pluck().get())).toBe(0);
  });

  it('saves a rating without a reason with none', async () => {
    const { host, dataDir } = await openHost();
    await submitted(host, 'printed');
    await send(host, { type: 'FINISH' });
    await send(host, { type: 'RATE', level: 2 });
    await waitForView(host, (v) => v.screen.name === 'welcome', 'the welcome screen');
    expect(ratingRows(dataDir)).toEqual([{ id: 1, service_id: 'noCriminalRecord', level: 2, reason: null, day: localDate(new Date()) }]);
  });

  it.each(['SKIP', 'CANCEL'] as const)('%s on the rating saves nothing and ends the session', async (type) => {
    const { host, dataDir } = await openHost();
    await submitted(host, 'printed');
    const rating = await send(host, { type: 'FINISH' });
    const welcome = await send(host, { type });
    expect(welcome.screen).toEqual({ name: 'welcome' });
    expect(welcome.sessionId).not.toBe(rating.sessionId);
    expect(ratingRows(dataDir)).toEqual([]);
  });

  it('refuses a level outside 1 to 5 at the boundary, saving nothing', async () => {
    const { host, dataDir } = await openHost();
    await submitted(host, 'printed');
    await send(host, { type: 'FINISH' });
    for (const level of [0, 6, 2.5]) expect(await host.handle('flow:send', { type: 'RATE', level })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect((await send(host, { type: 'SKIP' })).screen).toEqual({ name: 'welcome' });
    expect(ratingRows(dataDir)).toEqual([]);
  });
});
