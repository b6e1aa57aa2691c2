/**
 * Which platform a host asks for one-time codes and lookups: the simulator's fictional data
 * only when it runs on simulators (KIOSK_HARDWARE=sim), the configured police platform when
 * there is one, and otherwise none. Driven through the identify step's one-time code, the one
 * platform call a resident makes without a device.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { catalog } from '../../shared/catalog/services';
import type { FlowView } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import { call, screenOf, send, waitForView } from './helpers';
import { closeAllHosts, openHost } from './faults-helpers';

const ZHANG = '110105198003150012';
let receiver: ReferenceReceiver | undefined;

afterEach(async () => {
  await closeAllHosts();
  await receiver?.close();
  receiver = undefined;
});

/** A service of the catalog whose residents may identify with an ID number and a code. */
const OTP_SERVICE = catalog.find((s) => s.steps[0]?.kind === 'identify' && s.steps[0].methods.includes('idNumberOtp'));

/** To the identify step's ID number screen of the service. */
async function toIdNumber(host: Host): Promise<void> {
  if (!OTP_SERVICE) throw new Error('The catalog has no service identified by a one-time code.');
  await send(host, { type: 'SELECT_SERVICE', serviceId: OTP_SERVICE.id });
  let view = await send(host, { type: 'CONTINUE' });
  if (view.screen.name === 'identify' && view.screen.phase === 'choose') view = await send(host, { type: 'IDENTIFY_WITH', method: 'idNumberOtp' });
  expect(view.screen).toMatchObject({ name: 'identify', phase: 'otpNumber', error: null });
}

/** Types the ID number; the code is sent, or the sending failed. */
async function typeIdNumber(host: Host, idNumber: string): Promise<FlowView> {
  await send(host, { type: 'OTP_ID_NUMBER', idNumber });
  return waitForView(host, (v) => v.screen.name === 'identify' && !v.screen.busy && v.screen.phase !== 'otpNumber', 'the code to be sent');
}

describe('the platform a host asks', () => {
  it('KIOSK_HARDWARE=sim with no platform: the simulated platform sends the code, shows it as lastCode, and checks it', async () => {
    const { host, lines } = await openHost();
    await toIdNumber(host);
    const sent = await typeIdNumber(host, ZHANG);
    expect(sent.screen).toMatchObject({ phase: 'otpCode', phoneMasked: '139****0012', error: null });
    const { lastCode } = await call(host, 'sim:status', {});
    expect(lastCode).toMatch(/^\d{6}$/);
    await send(host, { type: 'OTP_CODE', code: lastCode! });
    const on = await waitForView(host, (v) => v.screen.name !== 'identify', 'the step after identify');
    expect(on.sessionId).toBe(sent.sessionId);
    // The code and the number never reach the log.
    expect(lines.join('\n')).not.toContain(lastCode!);
    expect(lines.join('\n')).not.toContain(ZHANG);
  });

  it('KIOSK_HARDWARE=real with no platform and no hardware.json: no simulator anywhere, so no service can start', async () => {
    // That such a host sends no code (no platform, no fictional data) is in create-platform.test.ts.
    const { host } = await openHost(undefined, { hardware: 'real' });
    expect(host.commandNames.some((name) => name.startsWith('sim:'))).toBe(false);
    const devices = await call(host, 'device:status', {});
    expect(devices.receiptPrinter).toEqual({ device: 'noDevice', detail: 'notConfigured' });
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'idCardLossReplacement' })).screen.name).toBe('welcome');
  });

  it('with a platform address, the platform is asked even on simulators, never the fictional data', async () => {
    receiver = await ReferenceReceiver.start();
    receiver.codeHolders.set(ZHANG, { phoneMasked: '139****9999', holder: { name: '张伟明', sex: 'M', birthDate: '1980-03-15' } });
    const { host } = await openHost(undefined, { platform: { kioskId: 'K01', url: receiver.url } });
    await toIdNumber(host);
    const sent = await typeIdNumber(host, ZHANG);
    expect(screenOf(sent, 'identify')).toMatchObject({ phase: 'otpCode', phoneMasked: '139****9999' });
    expect((await call(host, 'sim:status', {})).lastCode).toBeNull();
    // A code the platform did not send is wrong.
    await send(host, { type: 'OTP_CODE', code: '999999' });
    const wrong = await waitForView(host, (v) => v.screen.name === 'identify' && !v.screen.busy, 'the code to be checked');
    expect(wrong.screen).toMatchObject({ name: 'identify', error: 'wrongCode' });
    await send(host, { type: 'OTP_CODE', code: receiver.codesSent.get(ZHANG)! });
    await waitForView(host, (v) => v.screen.name !== 'identify', 'the step after identify');
  });
});
