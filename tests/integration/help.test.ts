/**
 * "Call an officer" through the host: one request per resident session, audited, with nothing
 * personal in it; the platform hears how many are open (with the supplies still in the report);
 * staff list and close them; the intercom call rings, connects and ends as the simulated station
 * does; none of it moves the resident's flow. On real hardware there is no intercom driver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HostConfig } from '../../electron/host/config';
import type { Host } from '../../electron/host/host';
import type { HelpCall } from '../../shared/contract';
import { anyNumber, matching } from '../fixtures/matchers';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import {
  call,
  expectNoPersonalData,
  getView,
  removeTempDirs,
  send,
  signInStaff,
  STAFF,
  startTestHost,
  tempDir,
  waitForScreen,
  waitUntil,
  withDb,
  type TestHost,
} from './helpers';

const hosts: Host[] = [];
let receiver: ReferenceReceiver | undefined;
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await receiver?.close();
  receiver = undefined;
  removeTempDirs();
});

async function start(overrides: Partial<HostConfig> = {}): Promise<TestHost> {
  const started = await startTestHost(tempDir('kiosk-help-'), overrides);
  hosts.push(started.host);
  return started;
}

/** Every pushed `help:call` event, in order. */
function recordCalls(host: Host): HelpCall[] {
  const calls: HelpCall[] = [];
  host.subscribe((event, payload) => {
    if (event === 'help:call') calls.push(payload as HelpCall);
  });
  return calls;
}

/** The fictional Zhang on the second question of a no-criminal-record application, the first answered. */
async function toSecondQuestion(host: Host): Promise<void> {
  await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
  await send(host, { type: 'CONTINUE' });
  await call(host, 'sim:presentCard', { residentId: 'zhang' });
  await waitForScreen(host, 'question');
  const view = await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
  expect(view.screen).toMatchObject({ name: 'question', question: { id: 'destination' } });
}

const helpRows = (dataDir: string) => withDb(dataDir, (db) => db.prepare('SELECT * FROM help_requests ORDER BY id').all());
const helpAudit = (dataDir: string) =>
  withDb(dataDir, (db) => db.prepare("SELECT actor, action, subject, detail FROM audit_log WHERE action LIKE 'help.%' ORDER BY seq").all() as { actor: string; action: string; subject: string; detail: string }[]);

describe('a help request', () => {
  it('is recorded once per session, audited, holds nothing personal, reaches the platform, and staff close it', async () => {
    receiver = await ReferenceReceiver.start();
    const { host, dataDir, lines } = await start({ platform: { kioskId: 'K01', url: receiver.url } });
    await signInStaff(host, dataDir);
    const settings = await call(host, 'staff:settings', {});
    await call(host, 'staff:saveSettings', { ...settings, stationPhone: '010-12345678' });
    await call(host, 'staff:signOut', {});

    await toSecondQuestion(host);
    const before = await getView(host);
    const first = await call(host, 'help:request', {});
    expect(first).toEqual({ requestId: 1, phone: '010-12345678', intercom: 'ready' });
    // Pressed again in the same session: the same request, not a new one.
    expect(await call(host, 'help:request', {})).toEqual(first);
    // The resident's flow did not move.
    expect((await getView(host)).screen).toEqual(before.screen);

    expect(helpRows(dataDir)).toEqual([{ id: 1, at: anyNumber(), screen: 'question', service_id: 'noCriminalRecord', state: 'open', call_state: null, closed_by: null, closed_at: null }]);
    expect(helpAudit(dataDir)).toEqual([{ actor: 'kiosk', action: 'help.requested', subject: 'help-1', detail: JSON.stringify({ screen: 'question', serviceId: 'noCriminalRecord' }) }]);

    await waitUntil(() => receiver!.kioskStatuses.at(-1)?.help?.open === 1, 'the open request at the platform');
    const opened = receiver.kioskStatuses.at(-1)!;
    expect(opened).toMatchObject({ kioskId: 'K01', help: { open: 1, lastAt: matching(/^\d{4}-\d\d-\d\dT/) } });
    expect(opened.supplies?.map((s) => s.supply).sort()).toEqual(['a4Paper', 'permitRibbon', 'receiptPaper']);

    // The resident leaves; the request stays open for staff.
    await send(host, { type: 'CANCEL' });
    await waitForScreen(host, 'welcome');
    await call(host, 'sim:removeCard', {});
    await signInStaff(host, dataDir);
    const listed = await call(host, 'staff:help', {});
    expect(listed).toEqual({
      requests: [{ id: 1, at: anyNumber(), screen: 'question', serviceId: 'noCriminalRecord', state: 'open', call: null, closedBy: null, closedAt: null }],
      closedToday: 0,
    });
    const closed = await call(host, 'staff:closeHelp', { id: 1 });
    expect(closed).toEqual({ requests: [{ ...listed.requests[0], state: 'closed', closedBy: STAFF.staffNumber, closedAt: anyNumber() }], closedToday: 1 });
    // A second close (another staff member at the same moment) changes nothing.
    expect(await call(host, 'staff:closeHelp', { id: 1 })).toEqual(closed);
    expect(await host.handle('staff:closeHelp', { id: 99 })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(helpAudit(dataDir).map((a) => [a.actor, a.action, a.subject])).toEqual([
      ['kiosk', 'help.requested', 'help-1'],
      [`staff:${STAFF.staffNumber}`, 'help.closed', 'help-1'],
    ]);

    await waitUntil(() => receiver!.kioskStatuses.at(-1)?.help?.open === 0, 'the close at the platform');
    const after = receiver.kioskStatuses.at(-1)!;
    expect(after.help).toEqual({ open: 0, lastAt: opened.help!.lastAt });
    // The supplies part is still there: the two parts of the status do not overwrite each other.
    expect(after.supplies).toEqual(opened.supplies);

    // A new session asks anew.
    await call(host, 'staff:signOut', {});
    expect(await call(host, 'help:request', {})).toMatchObject({ requestId: 2 });

    expectNoPersonalData([...lines, JSON.stringify(helpRows(dataDir)), JSON.stringify(helpAudit(dataDir)), JSON.stringify(receiver.kioskStatuses)]);
  });

  it('staff:help and staff:closeHelp are forbidden without a staff session, and from a resident session', async () => {
    const { host } = await start();
    for (const [command, body] of [['staff:help', {}], ['staff:closeHelp', { id: 1 }]] as const) {
      expect(await host.handle(command, body), command).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await toSecondQuestion(host);
    await call(host, 'help:request', {});
    for (const [command, body] of [['staff:help', {}], ['staff:closeHelp', { id: 1 }]] as const) {
      expect(await host.handle(command, body), command).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('the intercom call', () => {
  it('rings, is answered by the station, and ends when the resident hangs up; the flow does not move', async () => {
    const { host, dataDir } = await start();
    const calls = recordCalls(host);
    await toSecondQuestion(host);
    const before = await getView(host);
    expect(await host.handle('help:call', {})).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await host.handle('help:hangUp', {})).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });

    const { requestId, phone } = await call(host, 'help:request', {});
    expect(phone).toBeNull();
    expect(await call(host, 'help:call', {})).toEqual({ requestId, state: 'ringing' });
    // A second press while it rings is the same call.
    expect(await call(host, 'help:call', {})).toEqual({ requestId, state: 'ringing' });
    expect((await call(host, 'sim:status', {})).intercomCall).toBe('ringing');
    await call(host, 'sim:intercom', { action: 'answer' });
    expect(await call(host, 'help:hangUp', {})).toEqual({ requestId, state: 'ended' });
    expect(calls).toEqual([
      { requestId, state: 'ringing' },
      { requestId, state: 'connected' },
      { requestId, state: 'ended' },
    ]);
    expect((await call(host, 'sim:status', {})).intercomCall).toBeNull();
    expect((await getView(host)).screen).toEqual(before.screen);

    // Called again, nobody answers; then the station cannot be reached at all.
    expect(await call(host, 'help:call', {})).toEqual({ requestId, state: 'ringing' });
    await call(host, 'sim:intercom', { action: 'noAnswer' });
    expect(calls.at(-1)).toEqual({ requestId, state: 'unanswered' });
    await call(host, 'sim:fault', { device: 'intercom', fault: 'offline' });
    expect(await call(host, 'help:request', {})).toMatchObject({ requestId, intercom: 'unavailable' });
    expect(await call(host, 'help:call', {})).toEqual({ requestId, state: 'failed' });
    expect(calls.at(-1)).toEqual({ requestId, state: 'failed' });

    const row = helpRows(dataDir)[0] as { call_state: string };
    expect(row.call_state).toBe('failed');
    expect(helpAudit(dataDir).map((a) => [a.action, JSON.parse(a.detail) as unknown])).toEqual([
      ['help.requested', { screen: 'question', serviceId: 'noCriminalRecord' }],
      ['help.called', { result: 'success' }],
      ['help.called', { result: 'success' }],
      ['help.called', { result: 'deviceNotReady' }],
    ]);
    expect((await getView(host)).screen).toEqual(before.screen);
  });

  it('the officer hangs up, or the line drops; a session that ends takes its call with it', async () => {
    const { host } = await start();
    const calls = recordCalls(host);
    await toSecondQuestion(host);
    const { requestId } = await call(host, 'help:request', {});
    await call(host, 'help:call', {});
    await call(host, 'sim:intercom', { action: 'answer' });
    await call(host, 'sim:intercom', { action: 'hangUp' });
    expect(calls.at(-1)).toEqual({ requestId, state: 'ended' });
    await call(host, 'help:call', {});
    await call(host, 'sim:intercom', { action: 'fail' });
    expect(calls.at(-1)).toEqual({ requestId, state: 'failed' });
    // Nothing rings: the simulator's controls do nothing.
    expect((await call(host, 'sim:intercom', { action: 'answer' })).intercomCall).toBeNull();

    await call(host, 'help:call', {});
    await call(host, 'sim:intercom', { action: 'answer' });
    // The resident is timed out mid-call: the next one does not inherit it.
    await call(host, 'sim:idle', { phase: 'warn' });
    await call(host, 'sim:idle', { phase: 'reset' });
    await waitForScreen(host, 'welcome');
    expect(calls.at(-1)).toEqual({ requestId, state: 'ended' });
    expect((await call(host, 'sim:status', {})).intercomCall).toBeNull();
    expect(await host.handle('help:hangUp', {})).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });
});

describe('on real hardware', () => {
  it('the intercom is absent, with no driver: residents are offered the phone number only', async () => {
    const { host } = await start({ hardware: 'real' });
    const devices = await call(host, 'device:status', {});
    expect(devices.intercom).toEqual({ device: 'noDevice', detail: 'noDriver' });
    expect(await call(host, 'help:request', {})).toEqual({ requestId: 1, phone: null, intercom: 'unavailable' });
    expect(await call(host, 'help:call', {})).toEqual({ requestId: 1, state: 'failed' });
    expect(host.commandNames).not.toContain('sim:intercom');
  });
});
