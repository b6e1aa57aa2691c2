import { afterEach, describe, expect, it } from 'vitest';
import { isReady } from '../../shared/hardware/types';
import type { FlowView } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { call, countSubmissions, getView, screenOf, send, waitForView, ZHANG } from './helpers';
import {
  answerAll,
  availability,
  closeAllHosts,
  deviceStatus,
  NCR_ANSWERS,
  ncrToCheck,
  offeredWithout,
  notReady,
  openHost,
  presentCard,
  recordDeviceEvents,
  toIdentify,
  waitForDevices,
} from './faults-helpers';

const SERVICE = 'noCriminalRecord';
const MASKED_ID = '1101**********0012';

afterEach(closeAllHosts);

/** The identify step's failure, with its reason. */
function identifyFailed(error: string) {
  return { screen: { name: 'identify', phase: 'failed', error } };
}

const isIdentifyFailed = (v: FlowView) => v.screen.name === 'identify' && v.screen.phase === 'failed';

/** From the first question to the check page: the applicant there is the holder of the card that was read. */
async function applicantAtCheck(host: Host) {
  const check = await answerAll(host, NCR_ANSWERS);
  return screenOf(check, 'check').applicant;
}

describe('ID card reader: a read that fails', () => {
  it.each([
    ['cardPulled', 'notPresent'],
    ['checksumError', 'present'],
    ['timeout', 'present'],
  ] as const)('%s on the identify step ends on the identify failure "unreadable"; RETRY and a new read get the resident on', async (fault, mediaAfter) => {
    const { host, dataDir } = await openHost();
    await toIdentify(host, SERVICE);
    const injected = await call(host, 'sim:fault', { device: 'idCardReader', fault });
    // A failed read is not a device fault: the reader stays online and the service available.
    expect(injected.devices.idCardReader.device).toBe('online');

    const failed = await presentCard(host, 'zhang');
    expect(failed).toMatchObject(identifyFailed('unreadable'));
    const devices = await deviceStatus(host);
    expect(devices.idCardReader).toEqual({ device: 'online', media: mediaAfter });
    expect(availability(devices)[SERVICE]).toBe(true);

    const retry = await send(host, { type: 'RETRY' });
    expect(retry.screen).toMatchObject({ name: 'identify', phase: 'present', error: null });
    // The fault hit one read only: the same card, presented again, is read.
    const question = await presentCard(host, 'zhang');
    expect(question.screen).toMatchObject({ name: 'question', question: { id: 'purpose' }, index: 0 });
    expect(question.sessionId).toBe(failed.sessionId);
    expect(await applicantAtCheck(host)).toEqual({ name: ZHANG.name, numberMasked: MASKED_ID, method: 'idCard' });
    expect(countSubmissions(dataDir)).toBe(0);
  });

  it('BACK from the identify failure goes to the start page, and CONTINUE reads a card', async () => {
    const { host } = await openHost();
    await toIdentify(host, SERVICE);
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'checksumError' });
    const failed = await presentCard(host, 'zhang');
    expect(failed).toMatchObject(identifyFailed('unreadable'));

    const back = await send(host, { type: 'BACK' });
    expect(back).toMatchObject({ screen: { name: 'start', serviceId: SERVICE }, serviceId: SERVICE, sessionId: failed.sessionId });
    const waiting = await send(host, { type: 'CONTINUE' });
    expect(waiting.screen).toMatchObject({ name: 'identify', phase: 'present', error: null });
    const question = await presentCard(host, 'zhang');
    expect(question.screen.name).toBe('question');
  });

  it('a fault armed before the session still hits the first read of the session, once', async () => {
    const { host } = await openHost();
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'timeout' });
    await toIdentify(host, SERVICE);
    expect(await presentCard(host, 'zhang')).toMatchObject(identifyFailed('unreadable'));
    await send(host, { type: 'RETRY' });
    expect((await presentCard(host, 'zhang')).screen.name).toBe('question');
  });
});

describe('ID card reader: offline', () => {
  it('going offline while waiting on identify ends on "readerUnavailable" and the device manager shows it', async () => {
    const { host } = await openHost();
    await toIdentify(host, SERVICE);
    const pushed = recordDeviceEvents(host);

    const offline = await call(host, 'sim:fault', { device: 'idCardReader', fault: 'offline' });
    expect(offline.devices.idCardReader.device).toBe('offline');
    const failed = await waitForView(host, isIdentifyFailed, 'the identify failure after the reader went away');
    expect(failed).toMatchObject(identifyFailed('readerUnavailable'));

    // Pushed, and what device:status answers.
    expect(pushed.events.at(-1)?.idCardReader.device).toBe('offline');
    const devices = await deviceStatus(host);
    expect(devices.idCardReader.device).toBe('offline');
    expect(isReady(devices.idCardReader)).toBe(false);
    // Both services need the reader: neither is offered on the welcome screen.
    expect(availability(devices)).toMatchObject({ noCriminalRecord: false, idCardRenewal: false });
    expect(availability(devices)).toEqual(offeredWithout(['idCardReader', 'camera']));
    expect(notReady(devices, SERVICE)).toEqual(['idCardReader']);
    pushed.stop();

    // RETRY while the reader is still away fails again at once, with the same reason.
    const retried = await send(host, { type: 'RETRY' });
    const again = await waitForView(host, (v) => isIdentifyFailed(v) && v.seq > retried.seq, 'the identify failure again while the reader is offline');
    expect(again).toMatchObject(identifyFailed('readerUnavailable'));

    // The reader comes back: the status says so, and RETRY reads a card.
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'online' });
    const back = await waitForDevices(host, (d) => d.idCardReader.device === 'online', 'the reader back online');
    expect(availability(back)[SERVICE]).toBe(true);
    const retry = await send(host, { type: 'RETRY' });
    expect(retry.screen).toMatchObject({ name: 'identify', phase: 'present', error: null });
    const question = await presentCard(host, 'zhang');
    expect(question.screen.name).toBe('question');
    expect(await applicantAtCheck(host)).toMatchObject({ numberMasked: MASKED_ID });
  });

  it('a card placed while the reader is offline is read once it is back', async () => {
    const { host } = await openHost();
    await send(host, { type: 'SELECT_SERVICE', serviceId: SERVICE });
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'offline' });
    await send(host, { type: 'CONTINUE' });
    const failed = await waitForView(host, isIdentifyFailed, 'the identify failure with the reader offline');
    expect(failed).toMatchObject(identifyFailed('readerUnavailable'));
    const placed = await call(host, 'sim:presentCard', { residentId: 'zhang' });
    expect(placed.cardPresent).toBe('zhang');
    expect((await getView(host)).screen).toEqual(failed.screen);

    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'online' });
    await send(host, { type: 'RETRY' });
    await waitForView(host, (v) => v.screen.name === 'question', 'the card lying on the reader to be read');
    expect((await applicantAtCheck(host))?.name).toBe(ZHANG.name);
  });

  it('offline, CANCEL, then online again: a new session reads a card and can submit', async () => {
    const { host, dataDir } = await openHost();
    const first = await toIdentify(host, SERVICE);
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'offline' });
    await waitForView(host, isIdentifyFailed, 'the identify failure');

    const welcome = await send(host, { type: 'CANCEL' });
    expect(welcome).toMatchObject({ screen: { name: 'welcome' }, serviceId: null });
    expect(welcome.sessionId).not.toBe(first.sessionId);
    expect(availability(await deviceStatus(host))[SERVICE]).toBe(false);

    const pushed = recordDeviceEvents(host);
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'online' });
    expect(pushed.events).toHaveLength(1);
    expect(pushed.events[0]?.idCardReader.device).toBe('online');
    expect(availability(pushed.events[0]!)[SERVICE]).toBe(true);
    pushed.stop();

    const check = await ncrToCheck(host);
    expect(check.sessionId).toBe(welcome.sessionId);
    await send(host, { type: 'SUBMIT' });
    const done = await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the slip');
    expect(screenOf(done, 'confirmation').reference).toMatch(/^JN-K01/);
    expect(countSubmissions(dataDir)).toBe(1);
  });

  it('a second "offline" pushes nothing new, and an unknown fault is refused naming the known ones', async () => {
    const { host } = await openHost();
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'offline' });
    const pushed = recordDeviceEvents(host);
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'offline' });
    expect(pushed.events).toEqual([]);
    pushed.stop();

    const refused = await host.handle('sim:fault', { device: 'idCardReader', fault: 'paperOut' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error.message).toContain('offline, online, cardPulled, checksumError, timeout');
    expect((await deviceStatus(host)).idCardReader.device).toBe('offline');
  });
});
