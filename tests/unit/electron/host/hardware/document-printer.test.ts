import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CupsDocumentPrinter,
  CupsError,
  parseJobList,
  parseLpRequestId,
  parseLpstatPrinter,
  statusFromLpstat,
  type CupsDocumentPrinterOptions,
} from '../../../../../electron/host/hardware/document-printer.cups';
import { SimDocumentPrinter } from '../../../../../electron/host/hardware/document-printer.sim';
import type { DeviceStatus } from '../../../../../shared/hardware/types';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

const PDF = new TextEncoder().encode('%PDF-1.7\n% fictional test document\n%%EOF\n');
const Q = 'Kiosk_A4';

// ---- Recorded CUPS 2.4 output (LC_ALL=C), names and dates fictional ----

const LONG_TAIL = [
  '\tForm mounted:',
  '\tContent types: any',
  '\tPrinter types: unknown',
  '\tDescription: Lobby A4 laser',
  '\tAlerts: %ALERTS%',
  '\tLocation: Self-service lobby',
  '\tConnection: direct',
  '\tInterface: /etc/cups/ppd/Kiosk_A4.ppd',
  '\tOn fault: no alert',
  '\tAfter fault: continue',
  '\tUsers allowed:',
  '\t\t(all)',
  '\tForms allowed:',
  '\t\t(none)',
  '\tBanner required',
  '\tCharset sets:',
  '\t\t(none)',
  '\tDefault pitch:',
  '\tDefault page size:',
  '\tDefault port settings:',
];

function printerBlock(header: string, alerts = 'none', message?: string): string {
  const tail = LONG_TAIL.map((l) => l.replace('%ALERTS%', alerts));
  return [header, ...(message === undefined ? [] : [`\t${message}`]), ...tail, ''].join('\n');
}

const IDLE = printerBlock(`printer ${Q} is idle.  enabled since Fri Mar 14 09:00:12 2025`);
const printing = (job: number, alerts = 'none'): string =>
  printerBlock(`printer ${Q} now printing ${Q}-${job}.  enabled since Fri Mar 14 09:26:01 2025`, alerts, 'Sending data to printer.');
const STOPPED_BACKEND = printerBlock(
  `printer ${Q} disabled since Fri Mar 14 09:26:40 2025 -`,
  'paused',
  'Printer stopped due to backend errors; please consult the error_log file for details.',
);
const DISABLED_BY_STAFF = printerBlock(`printer ${Q} disabled since Fri Mar 14 08:00:00 2025 -`, 'paused', 'Paused');
const MEDIA_EMPTY = printerBlock(`printer ${Q} is idle.  enabled since Fri Mar 14 09:00:12 2025`, 'media-empty-error media-needed-error', 'Media tray empty.');

const jobLine = (job: number, size: number, date: string): string => `${`${Q}-${job}`.padEnd(23)} ${'kiosk'.padEnd(13)} ${String(size).padStart(8)} ${date}`;
const pendingList = (job: number): string => `${jobLine(job, 124928, 'Fri Mar 14 09:26:00 2025')}\n`;
const completedList = (job: number, alerts: string): string =>
  [
    jobLine(39, 98304, 'Fri Mar 14 08:51:37 2025'),
    '\tStatus: Spooling job, 100% complete.',
    '\tAlerts: job-completed-successfully',
    `\tqueued for ${Q}`,
    jobLine(job, 124928, 'Fri Mar 14 09:26:31 2025'),
    `\tAlerts: ${alerts}`,
    `\tqueued for ${Q}`,
    '',
  ].join('\n');

// ---- Fake lp / lpstat / cancel: one Node script, replaying replies per command line ----

interface Reply {
  stdout?: string;
  stderr?: string;
  code?: number;
}
type Scenario = Record<string, Reply[]>;
interface Call {
  name: string;
  args: string[];
  lcAll?: string;
  file?: { mode?: number; head?: string; error?: string };
}

const SCRIPT = `
'use strict';
const fs = require('fs');
const path = require('path');
const dir = __dirname;
const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const key = name === 'lp' ? 'lp' : [name, ...args].join(' ');
const call = { name, args, lcAll: process.env.LC_ALL };
if (name === 'lp') {
  const file = args[args.length - 1];
  try {
    call.file = { mode: fs.statSync(file).mode & 0o777, head: fs.readFileSync(file).subarray(0, 5).toString('latin1') };
  } catch (e) {
    call.file = { error: e.code };
  }
}
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(call) + '\\n');
const replies = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8'))[key];
if (!replies) {
  process.stderr.write(name + ': no recorded reply for "' + key + '"\\n');
  process.exit(99);
}
const countsFile = path.join(dir, 'counts.json');
const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : {};
const n = counts[key] || 0;
counts[key] = n + 1;
fs.writeFileSync(countsFile, JSON.stringify(counts));
const reply = replies[Math.min(n, replies.length - 1)];
process.stdout.write(reply.stdout || '');
process.stderr.write(reply.stderr || '');
process.exitCode = reply.code || 0;
`;

interface FakeCups {
  bin: { lp: string; lpstat: string; cancel: string };
  calls(): Call[];
  spool: string;
}

function fakeCups(scenario: Scenario): FakeCups {
  const dir = tempDir('kiosk-cups-bin-');
  const spool = tempDir('kiosk-cups-spool-');
  fs.writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(scenario));
  const bin = { lp: path.join(dir, 'lp'), lpstat: path.join(dir, 'lpstat'), cancel: path.join(dir, 'cancel') };
  for (const file of Object.values(bin)) fs.writeFileSync(file, `#!${process.execPath}\n${SCRIPT}`, { mode: 0o755 });
  return {
    bin,
    spool,
    calls: () => {
      const log = path.join(dir, 'calls.jsonl');
      if (!fs.existsSync(log)) return [];
      return fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call);
    },
  };
}

function cupsPrinter(cups: FakeCups, opts: Partial<CupsDocumentPrinterOptions> = {}): CupsDocumentPrinter {
  const printer = new CupsDocumentPrinter({ printer: Q, ...cups.bin, tmpDir: cups.spool, jobPollMs: 10, statusPollMs: 0, ...opts });
  return printer;
}

const statusP = `lpstat -l -p ${Q}`;
const pendingQ = `lpstat -W not-completed -o ${Q}`;
const doneQ = `lpstat -W completed -l -o ${Q}`;
const lpOk = (job: number): Reply => ({ stdout: `request id is ${Q}-${job} (1 file(s))\n` });

describe('CupsDocumentPrinter with fake lp and lpstat', () => {
  it('submits with lp, follows the job to completion and deletes the temporary PDF', async () => {
    const cups = fakeCups({
      [statusP]: [{ stdout: IDLE }, { stdout: printing(42) }, { stdout: printing(42) }, { stdout: IDLE }],
      lp: [lpOk(42)],
      [pendingQ]: [{ stdout: pendingList(42) }, { stdout: pendingList(42) }, { stdout: '' }],
      [doneQ]: [{ stdout: completedList(42, 'job-completed-successfully') }],
    });
    const printer = cupsPrinter(cups);

    const result = await printer.print(PDF, { title: 'No-criminal-record certificate', copies: 2 });

    expect(result).toEqual({ code: 'success', message: 'Printed', value: { jobId: `${Q}-42` } });
    const calls = cups.calls();
    const lp = calls.find((c) => c.name === 'lp')!;
    expect(lp.args.slice(0, 6)).toEqual(['-d', Q, '-t', 'No-criminal-record certificate', '-n', '2']);
    expect(path.dirname(lp.args[6]!)).toBe(cups.spool);
    expect(lp.file).toEqual({ mode: 0o600, head: '%PDF-' });
    expect(calls.every((c) => c.lcAll === 'C')).toBe(true);
    expect(calls.filter((c) => c.name === 'lpstat' && c.args.includes('not-completed'))).toHaveLength(3);
    expect(calls.some((c) => c.name === 'cancel')).toBe(false);
    expect(fs.readdirSync(cups.spool)).toEqual([]);
    expect(printer.status()).toEqual({ device: 'online', paper: 'full', ink: 'full' });
  });

  it('fails the job and cancels it when the printer stops with it queued', async () => {
    const cups = fakeCups({
      [statusP]: [{ stdout: IDLE }, { stdout: printing(43) }, { stdout: STOPPED_BACKEND }],
      lp: [lpOk(43)],
      [pendingQ]: [{ stdout: pendingList(43) }],
      [`cancel ${Q}-43`]: [{}],
    });
    const printer = cupsPrinter(cups);

    const result = await printer.print(PDF, { title: 'Certificate' });

    expect(result.code).toBe('hardwareError');
    expect(result.value).toEqual({ jobId: `${Q}-43` });
    expect(result.message).toBe('printer stopped during printing (job cancelled)');
    expect(cups.calls().filter((c) => c.name === 'cancel').map((c) => c.args)).toEqual([[`${Q}-43`]]);
    expect(printer.status()).toMatchObject({ device: 'offline', detail: 'printerStopped' });
    expect(fs.readdirSync(cups.spool)).toEqual([]);
  });

  it('refuses a job for a disabled printer without calling lp', async () => {
    const cups = fakeCups({ [statusP]: [{ stdout: DISABLED_BY_STAFF }] });
    const printer = cupsPrinter(cups);
    expect(await printer.print(PDF, { title: 'Certificate' })).toEqual({
      code: 'deviceNotReady',
      message: 'Document printer not ready: printerStopped',
    });
    expect(cups.calls().map((c) => c.name)).toEqual(['lpstat']);
    expect(fs.readdirSync(cups.spool)).toEqual([]);
  });

  it('refuses a job when the tray is empty and reports paper out', async () => {
    const cups = fakeCups({ [statusP]: [{ stdout: MEDIA_EMPTY }] });
    const printer = cupsPrinter(cups);
    const seen: DeviceStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    expect((await printer.print(PDF, { title: 'Certificate' })).code).toBe('deviceNotReady');
    expect(seen).toEqual([{ device: 'online', paper: 'out', ink: 'full', detail: 'mediaEmpty' }]);
  });

  it('gives up on a job waiting for paper: userError, job cancelled', async () => {
    const cups = fakeCups({
      [statusP]: [{ stdout: IDLE }, { stdout: printing(44, 'media-empty-error media-needed-error') }],
      lp: [lpOk(44)],
      [pendingQ]: [{ stdout: pendingList(44) }],
      [`cancel ${Q}-44`]: [{}],
    });
    const result = await cupsPrinter(cups).print(PDF, { title: 'Certificate' });
    expect(result).toEqual({ code: 'userError', message: 'paper out during printing (job cancelled)', value: { jobId: `${Q}-44` } });
  });

  it('times out a job that never finishes, cancels it and says if cancelling failed', async () => {
    const cups = fakeCups({
      [statusP]: [{ stdout: IDLE }, { stdout: printing(45) }],
      lp: [lpOk(45)],
      [pendingQ]: [{ stdout: pendingList(45) }],
      [`cancel ${Q}-45`]: [{ stderr: `cancel: cancel-job failed: Job #45 is already completed - can't cancel.\n`, code: 1 }],
    });
    const result = await cupsPrinter(cups, { jobTimeoutMs: 150, jobPollMs: 20 }).print(PDF, { title: 'Certificate' });
    expect(result.code).toBe('timeOut');
    expect(result.message).toBe(
      "Job not finished within 150 ms (could not cancel the job: cancel: cancel-job failed: Job #45 is already completed - can't cancel.)",
    );
    expect(fs.readdirSync(cups.spool)).toEqual([]);
  });

  it.each([
    ['job-canceled-by-user', 'canceled'],
    ['job-aborted-by-system', 'hardwareError'],
    ['job-completed-with-errors', 'hardwareError'],
  ] as const)('reports a job that ended with %s as %s', async (alerts, code) => {
    const cups = fakeCups({
      [statusP]: [{ stdout: IDLE }],
      lp: [lpOk(46)],
      [pendingQ]: [{ stdout: '' }],
      [doneQ]: [{ stdout: completedList(46, alerts) }],
    });
    const result = await cupsPrinter(cups).print(PDF, { title: 'Certificate' });
    expect(result.code).toBe(code);
    expect(result.message).toContain(alerts);
  });

  it('says so when CUPS kept no record of a job that left the queue', async () => {
    const cups = fakeCups({ [statusP]: [{ stdout: IDLE }], lp: [lpOk(47)], [pendingQ]: [{ stdout: '' }], [doneQ]: [{ stdout: completedList(46, 'job-completed-successfully') }] });
    const result = await cupsPrinter(cups).print(PDF, { title: 'Certificate' });
    expect(result).toEqual({ code: 'success', message: 'Job left the queue; CUPS kept no record of how it ended', value: { jobId: `${Q}-47` } });
  });

  it('turns lp refusing the job into deviceNotReady with lp’s reason', async () => {
    const cups = fakeCups({ [statusP]: [{ stdout: IDLE }], lp: [{ stderr: `lp: Destination "${Q}" is not accepting jobs.\n`, code: 1 }] });
    expect(await cupsPrinter(cups).print(PDF, { title: 'Certificate' })).toEqual({
      code: 'deviceNotReady',
      message: `lp refused the job: lp: Destination "${Q}" is not accepting jobs.`,
    });
    expect(fs.readdirSync(cups.spool)).toEqual([]);
  });

  it('reports an unknown queue as noDevice', async () => {
    const cups = fakeCups({ [statusP]: [{ stderr: `lpstat: Invalid destination name in list "${Q}".\n`, code: 1 }] });
    const printer = cupsPrinter(cups);
    expect(await printer.refresh()).toEqual({ device: 'noDevice', detail: 'printerNotFound' });
    expect((await printer.print(PDF, { title: 'Certificate' })).code).toBe('deviceNotReady');
  });

  it('reports a stopped scheduler as offline and missing CUPS tools as noDevice', async () => {
    const down = fakeCups({ [statusP]: [{ stderr: 'lpstat: Scheduler is not running.\n', code: 1 }] });
    expect(await cupsPrinter(down).refresh()).toEqual({ device: 'offline', detail: 'cupsUnavailable' });
    const missing = new CupsDocumentPrinter({ printer: Q, lpstat: path.join(tempDir('kiosk-nocups-'), 'lpstat'), statusPollMs: 0 });
    expect(await missing.refresh()).toEqual({ device: 'noDevice', detail: 'cupsToolsMissing' });
  });

  it('refuses a non-PDF or a bad copy count before running anything', async () => {
    const cups = fakeCups({ [statusP]: [{ stdout: IDLE }] });
    const printer = cupsPrinter(cups);
    expect((await printer.print(new TextEncoder().encode('hello'), { title: 'x' })).code).toBe('userError');
    for (const copies of [0, 1.5, 11]) expect((await printer.print(PDF, { title: 'x', copies })).code).toBe('userError');
    for (const title of ['  ', '\u0007\u0008']) expect((await printer.print(PDF, { title })).code).toBe('userError');
    expect(cups.calls()).toEqual([]);
  });

  it('polls while idle, telling listeners only about changes, until closed', async () => {
    const cups = fakeCups({ [statusP]: [{ stdout: IDLE }, { stdout: IDLE }, { stdout: printerBlock(IDLE.split('\n')[0]!, 'media-low-report toner-low-report') }] });
    const printer = cupsPrinter(cups, { statusPollMs: 15 });
    const seen: DeviceStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    await printer.start();
    const end = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    printer.close();
    expect(seen).toEqual([
      { device: 'online', paper: 'full', ink: 'full' },
      { device: 'online', paper: 'low', ink: 'low' },
    ]);
    const calls = cups.calls().length;
    await new Promise((r) => setTimeout(r, 80));
    expect(cups.calls().length).toBeLessThanOrEqual(calls + 1);
  });

  it('refuses printer names CUPS would not have', () => {
    for (const name of ['', '-d', 'A4 lobby', 'a/b', 'x'.repeat(128)]) {
      expect(() => new CupsDocumentPrinter({ printer: name })).toThrow(CupsError);
    }
  });
});

describe('CUPS output parsing', () => {
  it('reads state, message and alerts from lpstat -l -p', () => {
    expect(parseLpstatPrinter(IDLE, Q)).toEqual({ state: 'idle', reasons: [] });
    expect(parseLpstatPrinter(printing(42), Q)).toEqual({ state: 'printing', message: 'Sending data to printer.', reasons: [] });
    expect(parseLpstatPrinter(DISABLED_BY_STAFF, Q)).toEqual({ state: 'stopped', message: 'Paused', reasons: ['paused'] });
    expect(parseLpstatPrinter(IDLE, 'Other_Queue')).toBeUndefined();
    // Short form, and a printer whose name is a prefix of another.
    const two = `printer ${Q}_2 is idle.  enabled since Fri Mar 14 09:00:12 2025\nprinter ${Q} disabled since Fri Mar 14 08:00:00 2025 -\n\treason unknown\n`;
    expect(parseLpstatPrinter(two, Q)).toEqual({ state: 'stopped', message: 'reason unknown', reasons: [] });
  });

  it.each<[string, string, DeviceStatus]>([
    ['door open', 'door-open-error', { device: 'userError', paper: 'full', ink: 'full', detail: 'doorOpen' }],
    ['paper jam', 'media-jam-error media-empty-error', { device: 'online', paper: 'jammed', ink: 'full', detail: 'mediaJam' }],
    ['toner empty', 'toner-empty-error', { device: 'online', paper: 'full', ink: 'out', detail: 'tonerEmpty' }],
    ['marker supply low', 'marker-supply-low-warning', { device: 'online', paper: 'full', ink: 'low' }],
    ['printer unreachable', 'offline-report', { device: 'offline', paper: 'full', ink: 'full', detail: 'printerOffline' }],
  ])('maps %s', (_name, alerts, expected) => {
    const parsed = parseLpstatPrinter(printerBlock(IDLE.split('\n')[0]!, alerts), Q)!;
    expect(statusFromLpstat(parsed)).toEqual(expected);
  });

  it('maps a queue holding new jobs to offline', () => {
    const parsed = parseLpstatPrinter(`printer ${Q} is holding new jobs.  enabled since Fri Mar 14 09:00:12 2025\n`, Q)!;
    expect(statusFromLpstat(parsed)).toEqual({ device: 'offline', paper: 'full', ink: 'full', detail: 'holdingNewJobs' });
  });

  it('reads the job id from lp and jobs with their alerts from lpstat -o', () => {
    expect(parseLpRequestId(`request id is ${Q}-42 (1 file(s))\n`)).toBe(`${Q}-42`);
    expect(parseLpRequestId('lp: Error - scheduler not responding.\n')).toBeUndefined();
    const jobs = parseJobList(completedList(42, 'job-canceled-by-user'));
    expect([...jobs.keys()]).toEqual([`${Q}-39`, `${Q}-42`]);
    expect(jobs.get(`${Q}-42`)).toEqual(['job-canceled-by-user']);
    expect(parseJobList(pendingList(7))).toEqual(new Map([[`${Q}-7`, []]]));
  });
});

describe('SimDocumentPrinter', () => {
  it('writes each PDF to <dir>/<n>.pdf and returns a job id', async () => {
    const dir = path.join(tempDir('kiosk-docsim-'), 'out');
    const printer = new SimDocumentPrinter({ dir });
    const results = await Promise.all([printer.print(PDF, { title: 'A' }), printer.print(PDF, { title: 'B', copies: 3 })]);
    expect(results).toEqual([
      { code: 'success', message: 'Printed', value: { jobId: 'sim-1' } },
      { code: 'success', message: 'Printed', value: { jobId: 'sim-2' } },
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(['1.pdf', '2.pdf']);
    expect(new Uint8Array(fs.readFileSync(path.join(dir, '2.pdf')))).toEqual(PDF);
    expect(printer.copiesOf('sim-2')).toBe(3);
    expect(printer.jobCount()).toBe(2);
    expect(printer.lastJobPath()).toBe(path.join(dir, '2.pdf'));
  });

  it('injects faults: paper, device state and a failing next job', async () => {
    const dir = tempDir('kiosk-docsim-');
    const printer = new SimDocumentPrinter({ dir });
    const seen: DeviceStatus[] = [];
    printer.onStatus((s) => seen.push(s));

    printer.setPaper('out');
    printer.setPaper('out');
    expect((await printer.print(PDF, { title: 'A' })).code).toBe('deviceNotReady');
    printer.setPaper('full');
    printer.setDevice('offline');
    expect((await printer.print(PDF, { title: 'A' })).code).toBe('deviceNotReady');
    printer.setDevice('online');
    expect(seen.map((s) => [s.device, s.paper])).toEqual([
      ['online', 'out'],
      ['online', 'full'],
      ['offline', 'full'],
      ['online', 'full'],
    ]);

    printer.failNextJob('hardwareError');
    expect(await printer.print(PDF, { title: 'A' })).toEqual({ code: 'hardwareError', message: 'Simulated document printer fault: hardwareError' });
    expect((await printer.print(PDF, { title: 'A' })).code).toBe('success');
    expect(fs.readdirSync(dir)).toEqual(['1.pdf']);
    expect(() => printer.failNextJob('success')).toThrow();
  });

  it('refuses what is not a PDF like the real driver', async () => {
    const printer = new SimDocumentPrinter({ dir: tempDir('kiosk-docsim-') });
    expect((await printer.print(new Uint8Array([1, 2, 3]), { title: 'A' })).code).toBe('userError');
    expect(printer.jobCount()).toBe(0);
  });
});
