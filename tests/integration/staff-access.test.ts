/**
 * Who may call what, checked by the host before it reads a request: staff commands need a staff
 * session with the right role, whatever their body; a resident's session never becomes one; a
 * resident at the kiosk, or two idle minutes, end it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, type CommandName, type StaffEvent } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { STAFF_IDLE_MS } from '../../electron/host/staff/staff-auth';
import { call, removeTempDirs, send, signInStaff, STAFF, startTestHost, tempDir, waitForScreen, ZHANG, type TestHost } from './helpers';

const STAFF_COMMANDS = COMMAND_NAMES.filter((name) => typeof commands[name].access === 'object');
const hosts: Host[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  removeTempDirs();
});

async function start(clock?: { now: number }): Promise<TestHost & { events: StaffEvent[] }> {
  const started = await startTestHost(tempDir('kiosk-staff-'), {}, clock ? { now: () => clock.now } : {});
  hosts.push(started.host);
  const events: StaffEvent[] = [];
  started.host.subscribe((event, payload) => {
    if (event === 'staff:event') events.push(payload as StaffEvent);
  });
  return { ...started, events };
}

// Bodies of every kind, valid or not: a staff command refuses them all alike without a session.
const BODIES: unknown[] = [{}, undefined, null, 'x', [], { staffNumber: '200002', pin: '739154', roles: ['admin'] }, { [ZHANG.idNumber]: ZHANG.name }];

async function expectForbidden(host: Host, command: CommandName): Promise<void> {
  for (const body of BODIES) {
    const result = await host.handle(command, body);
    expect(result, `${command} with ${JSON.stringify(body)}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!result.ok) expect(result.error.message).not.toContain(ZHANG.name);
  }
}

describe('staff commands and the caller', () => {
  it('every staff:* command, and only those, needs a staff session', () => {
    expect(STAFF_COMMANDS.length).toBeGreaterThan(0);
    for (const name of COMMAND_NAMES) {
      const access = commands[name].access;
      expect(typeof access === 'object', name).toBe(name.startsWith('staff:'));
      expect(access === 'sim', name).toBe(name.startsWith('sim:'));
    }
  });

  it('without a staff session every staff command is forbidden, whatever its body', async () => {
    const { host } = await start();
    for (const command of STAFF_COMMANDS) await expectForbidden(host, command);
  });

  it("from a resident's session: forbidden, and the door does not open mid-session", async () => {
    const { host, dataDir } = await start();
    await signInStaff(host, dataDir);
    await call(host, 'staff:signOut', {});
    await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    await send(host, { type: 'CONTINUE' });
    await call(host, 'sim:presentCard', { residentId: 'zhang' });
    await waitForScreen(host, 'question');
    for (const command of STAFF_COMMANDS) await expectForbidden(host, command);
    expect(await call(host, 'door:signIn', { method: 'number', ...STAFF })).toEqual({ signedIn: false, reason: 'residentSession', attemptsLeft: null, lockedUntil: null });
  });

  it('a role opens only its own commands', async () => {
    const { host, dataDir } = await start();
    await signInStaff(host, dataDir);
    expect(await call(host, 'staff:addStaff', { staffNumber: '200002', pin: '739154', roles: ['restocker'] })).toEqual({ result: 'added' });
    await call(host, 'staff:signOut', {});
    expect(await call(host, 'door:signIn', { method: 'number', staffNumber: '200002', pin: '739154' })).toMatchObject({ signedIn: true, session: { roles: ['restocker'] } });
    expect((await host.handle('staff:devices', {})).ok).toBe(true);
    expect((await host.handle('staff:sync', {})).ok).toBe(true);
    await expectForbidden(host, 'staff:listStaff');
    await expectForbidden(host, 'staff:addStaff');
    // The refusals did not end the session.
    expect(await call(host, 'staff:session', {})).toMatchObject({ staffNumber: '200002' });
  });

  it('a resident card or a resident at the screen ends the session at once', async () => {
    const { host, dataDir, events } = await start();
    await signInStaff(host, dataDir);
    await call(host, 'sim:presentCard', { residentId: 'zhang' });
    expect(events.at(-1)).toEqual({ kind: 'ended', reason: 'residentCard' });
    await expectForbidden(host, 'staff:session');
    await call(host, 'sim:removeCard', {});

    await signInStaff(host, dataDir);
    await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    expect(events.at(-1)).toEqual({ kind: 'ended', reason: 'residentActivity' });
    await expectForbidden(host, 'staff:devices');
  });

  it('ends after two minutes without a staff command; each command starts the two minutes again', async () => {
    const clock = { now: Date.UTC(2026, 11, 3, 3, 0) };
    const { host, dataDir, events } = await start(clock);
    await signInStaff(host, dataDir);
    clock.now += STAFF_IDLE_MS - 1;
    expect((await host.handle('staff:devices', {})).ok).toBe(true);
    clock.now += STAFF_IDLE_MS - 1;
    expect((await host.handle('staff:session', {})).ok).toBe(true);
    clock.now += STAFF_IDLE_MS;
    await expectForbidden(host, 'staff:session');
    expect(events.at(-1)).toEqual({ kind: 'ended', reason: 'idle' });
  });

  it('a staff card on the reader, then its PIN', async () => {
    const { host, dataDir, events } = await start();
    await signInStaff(host, dataDir);
    await call(host, 'staff:addStaff', { staffNumber: '200002', pin: '739154', roles: ['reviewer'], cardUid: '04A1B2C3D4E5F6' });
    await call(host, 'staff:signOut', {});
    expect(await call(host, 'door:signIn', { method: 'card', pin: '739154' })).toMatchObject({ signedIn: false, reason: 'noCard' });
    await call(host, 'sim:presentStaffCard', { uid: '04A1B2C3D4E5F6' });
    expect(events.at(-1)).toEqual({ kind: 'cardPresented' });
    expect(await call(host, 'door:status', {})).toMatchObject({ hasStaff: true, cardPresented: true, session: null });
    expect(await call(host, 'door:signIn', { method: 'card', pin: '739154' })).toMatchObject({ signedIn: true, session: { staffNumber: '200002', roles: ['reviewer'] } });
  });
});
