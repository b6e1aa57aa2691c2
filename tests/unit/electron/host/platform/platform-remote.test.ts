import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../electron/host/log/logger';
import { createRemotePlatform, noPlatform } from '../../../../../electron/host/platform/platform.remote';
import type { Platform } from '../../../../../electron/host/platform/platform';
import { platformHeaders, platformTransport } from '../../../../../electron/host/sync/uplink';
import { parseUplinkConfig } from '../../../../../electron/host/sync/uplink-config';
import type { LookupDataOf } from '../../../../../shared/steps/lookup/lookup-kinds';
import { StepError } from '../../../../../shared/steps/step-error';
import { ReferenceReceiver } from '../../../../fixtures/reference-receiver';

const ID_NUMBER = '110105198003150012';
const HOLDER = { name: '张伟明', sex: 'M', birthDate: '1980-03-15' } as const;
const HOUSEHOLD: LookupDataOf<'household'> = { householdNumber: '110105012345', address: '北京市朝阳区示例路1号院2号楼301室', relation: 'head', registeredSince: '2008-05-20' };

let receiver: ReferenceReceiver;
let lines: string[];
const platforms: Platform[] = [];

beforeEach(async () => {
  receiver = await ReferenceReceiver.start({ basePath: '/platform/v1' });
  lines = [];
});

afterEach(async () => {
  for (const p of platforms.splice(0)) p.close?.();
  await receiver.close();
});

/** The remote platform as the host builds it: the uplink's address, transport and headers. */
function remote(url = receiver.url, settings: { requestTimeoutMs?: number; bearerToken?: string } = {}): Platform {
  const config = parseUplinkConfig({ url, kioskId: 'K01', ...settings });
  const platform = createRemotePlatform({
    transport: platformTransport({ ...config, url }),
    kioskId: config.kioskId,
    headers: platformHeaders(config),
    timeoutMs: config.requestTimeoutMs,
    log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
  });
  platforms.push(platform);
  return platform;
}

const live = () => new AbortController().signal;

/** The StepError code a call rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StepError)) throw new Error(`expected a StepError, got ${String(error)}`);
  return error.code;
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `fn` against a server that takes connections and never answers. */
async function withSilentServer(fn: (url: string) => Promise<void>): Promise<void> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function expectNothingPersonalLogged(): void {
  const joined = lines.join('\n');
  for (const secret of [ID_NUMBER, HOLDER.name, HOUSEHOLD.address, HOUSEHOLD.householdNumber]) expect(joined).not.toContain(secret);
}

describe('the remote platform: lookups', () => {
  it('posts the kiosk and the parameters to /lookups/{kind} and returns the data, checked and tagged with its kind', async () => {
    receiver.lookups.set('household', (params) => (params.idNumber === ID_NUMBER ? HOUSEHOLD : undefined));
    const found = await remote(receiver.url, { bearerToken: 'secret-token' }).lookup('household', { idNumber: ID_NUMBER }, live());
    expect(found).toEqual({ kind: 'household', data: HOUSEHOLD });
    expect(receiver.lookupRequests).toEqual([{ kind: 'household', params: { idNumber: ID_NUMBER }, kioskId: 'K01', authorization: 'Bearer secret-token' }]);
    expectNothingPersonalLogged();
  });

  it('answers notFound for a 404', async () => {
    receiver.lookups.set('household', () => undefined);
    expect(await failure(remote().lookup('household', { idNumber: ID_NUMBER }, live()))).toBe('notFound');
    // A kind the platform does not answer at all is not found either.
    expect(await failure(remote().lookup('vehicle', { plate: '京A12345', idNumber: ID_NUMBER }, live()))).toBe('notFound');
  });

  it.each([409, 422])('answers refused for a %i', async (status) => {
    receiver.lookupStatus = status;
    expect(await failure(remote().lookup('endorsements', { permitNumber: 'C12345678' }, live()))).toBe('refused');
  });

  it.each([500, 502, 503, 401, 403, 400])('answers unavailable for a %i', async (status) => {
    receiver.lookupStatus = status;
    expect(await failure(remote().lookup('licence', { idNumber: ID_NUMBER }, live()))).toBe('unavailable');
    expectNothingPersonalLogged();
  });

  it.each([
    ['a field of the wrong type', { ...HOUSEHOLD, registeredSince: 20080520 }],
    ['a field missing', { householdNumber: HOUSEHOLD.householdNumber, address: HOUSEHOLD.address, relation: 'head' }],
    ['a field out of its range', { ...HOUSEHOLD, address: 'x'.repeat(121) }],
    ['the data of another kind', { licenceClass: 'C1', validTo: '2030-01-01', points: 0, status: 'valid', renewable: true }],
    ['no data at all', null],
  ])('answers unavailable for data that does not match the kind (%s), and keeps none of it', async (_what, data) => {
    receiver.lookups.set('household', () => data);
    expect(await failure(remote().lookup('household', { idNumber: ID_NUMBER }, live()))).toBe('unavailable');
    expect(lines.some((l) => l.includes('badResponse'))).toBe(true);
    expectNothingPersonalLogged();
  });

  it('checks each kind with its own schema', async () => {
    const fines: LookupDataOf<'fines'> = {
      plate: '京A12345',
      items: [{ id: 'V2026001', amountFen: 20_000, date: '2031-04-01', place: '朝阳区东三环中路', offence: '1039', points: 3, payable: true }],
    };
    receiver.lookups.set('fines', () => fines);
    expect(await remote().lookup('fines', { plate: '京A12345', idNumber: ID_NUMBER }, live())).toEqual({ kind: 'fines', data: fines });
    receiver.lookups.set('fines', () => ({ ...fines, items: [{ ...fines.items[0], amountFen: 1.5 }] }));
    expect(await failure(remote().lookup('fines', { plate: '京A12345', idNumber: ID_NUMBER }, live()))).toBe('unavailable');
  });

  it('answers offline when nothing listens at the address', async () => {
    const platform = remote(`http://127.0.0.1:${await closedPort()}/platform/v1`);
    expect(await failure(platform.lookup('household', { idNumber: ID_NUMBER }, live()))).toBe('offline');
  });

  it('answers offline when the platform does not answer in time', async () => {
    await withSilentServer(async (url) => {
      const platform = remote(url, { requestTimeoutMs: 50 });
      expect(await failure(platform.lookup('household', { idNumber: ID_NUMBER }, live()))).toBe('offline');
    });
  });

  it('stops when the resident leaves: the request is called off', async () => {
    await withSilentServer(async (url) => {
      const leave = new AbortController();
      const asked = remote(url).lookup('household', { idNumber: ID_NUMBER }, leave.signal);
      leave.abort();
      expect(await failure(asked)).toBe('offline');
    });
  });
});

describe('the remote platform: one-time codes', () => {
  beforeEach(() => {
    receiver.codeHolders.set(ID_NUMBER, { phoneMasked: '139****0012', holder: HOLDER });
  });

  it('sends a code to the phone on file and, with the right code, says who the number belongs to', async () => {
    const platform = remote();
    expect(await platform.sendCode(ID_NUMBER, live())).toEqual({ phoneMasked: '139****0012' });
    const code = receiver.codesSent.get(ID_NUMBER);
    expect(code).toMatch(/^\d{6}$/);
    expect(await platform.verifyCode(ID_NUMBER, code!, live())).toEqual(HOLDER);
    expectNothingPersonalLogged();
    expect(lines.join('\n')).not.toContain(code!);
  });

  it('answers wrongCode for a code that is not the one sent', async () => {
    const platform = remote();
    await platform.sendCode(ID_NUMBER, live());
    const wrong = receiver.codesSent.get(ID_NUMBER) === '000000' ? '111111' : '000000';
    expect(await failure(platform.verifyCode(ID_NUMBER, wrong, live()))).toBe('wrongCode');
  });

  it('answers notFound for a number the platform has no phone for, when sending and when checking', async () => {
    const platform = remote();
    expect(await failure(platform.sendCode('310115195507220025', live()))).toBe('notFound');
    expect(await failure(platform.verifyCode('310115195507220025', '123456', live()))).toBe('notFound');
  });

  it('answers platformUnavailable when the platform fails, refuses to send, or cannot be reached', async () => {
    receiver.lookupStatus = 500;
    expect(await failure(remote().sendCode(ID_NUMBER, live()))).toBe('platformUnavailable');
    expect(await failure(remote().verifyCode(ID_NUMBER, '123456', live()))).toBe('platformUnavailable');
    receiver.lookupStatus = 409;
    expect(await failure(remote().sendCode(ID_NUMBER, live()))).toBe('platformUnavailable');
    receiver.lookupStatus = undefined;
    const away = remote(`http://127.0.0.1:${await closedPort()}`);
    expect(await failure(away.sendCode(ID_NUMBER, live()))).toBe('platformUnavailable');
    expect(await failure(away.verifyCode(ID_NUMBER, '123456', live()))).toBe('platformUnavailable');
  });

  it.each([
    ['a holder without a name', { holder: { ...HOLDER, name: '' } }],
    ['a holder with a sex the kiosk does not know', { holder: { ...HOLDER, sex: 'X' } }],
    ['no holder', {}],
  ])('answers platformUnavailable for a verification answer with %s', async (_what, answer) => {
    // A platform that answers 200 with something else than a holder: not to be believed.
    receiver.codeHolders.set(ID_NUMBER, { phoneMasked: '139****0012', holder: (answer as { holder?: typeof HOLDER }).holder as typeof HOLDER });
    const platform = remote();
    await platform.sendCode(ID_NUMBER, live());
    expect(await failure(platform.verifyCode(ID_NUMBER, receiver.codesSent.get(ID_NUMBER)!, live()))).toBe('platformUnavailable');
  });

  it('answers platformUnavailable for a masked phone that is not one', async () => {
    receiver.codeHolders.set(ID_NUMBER, { phoneMasked: ID_NUMBER.slice(0, 7) + 'abc', holder: HOLDER });
    expect(await failure(remote().sendCode(ID_NUMBER, live()))).toBe('platformUnavailable');
  });
});

describe('no platform', () => {
  it('answers notConfigured for every lookup and platformUnavailable for codes', async () => {
    const none = noPlatform();
    expect(none.kind).toBe('none');
    expect(await failure(none.lookup('household', { idNumber: ID_NUMBER }, live()))).toBe('notConfigured');
    expect(await failure(none.sendCode(ID_NUMBER, live()))).toBe('platformUnavailable');
    expect(await failure(none.verifyCode(ID_NUMBER, '123456', live()))).toBe('platformUnavailable');
  });
});
