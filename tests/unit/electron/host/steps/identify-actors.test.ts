import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { SimDocumentReader } from '../../../../../electron/host/hardware/document-reader.sim';
import { SIM_DOCUMENTS } from '../../../../../electron/host/hardware/sim-documents';
import type { KioskDevices } from '../../../../../electron/host/hardware/devices';
import { createLogger } from '../../../../../electron/host/log/logger';
import { SimPlatform } from '../../../../../electron/host/platform/platform.sim';
import { identifyHostActors, identityFromZone, readDocument } from '../../../../../electron/host/steps/identify.actors';
import type { StepDeps } from '../../../../../electron/host/steps/step-deps';
import { mrzCheckDigit, parseMrz, type MrzData } from '../../../../../shared/domain/mrz';
import type { Identity } from '../../../../../shared/flows/session';
import { StepError } from '../../../../../shared/steps/step-error';

const NOW = new Date(2026, 5, 1);

function sample(id: string): string {
  const doc = SIM_DOCUMENTS.find((d) => d.id === id);
  if (!doc) throw new Error(`The simulator has no document ${id}.`);
  return doc.mrz;
}

function zoneOf(mrz: string): MrzData {
  const zone = parseMrz(mrz);
  if (!zone.ok) throw new Error(`the zone does not parse: ${zone.error.message}`);
  return zone.value;
}

/** A Hong Kong / Macao permit zone (one line of 30) with these dates, check digits right. */
function permitZone(number: string, expiry: string, birth: string): string {
  const cd = (t: string) => String(mrzCheckDigit(t));
  const a = number + cd(number);
  const b = expiry + cd(expiry);
  const c = birth + cd(birth);
  return `CS${a}<${b}<${c}<${cd(a + b + c)}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const live = () => new AbortController().signal;

describe('identityFromZone', () => {
  it('a Hong Kong / Macao permit: its number and dates, no name or sex (the zone has none), no ID number', () => {
    expect(identityFromZone(zoneOf(sample('zhang-hk')), 'hkMacaoPermit', NOW)).toEqual<Identity>({
      method: 'hkMacaoPermit',
      name: '',
      idNumber: null,
      sex: null,
      birthDate: '1980-03-15',
      document: { type: 'CS', number: 'C12345678', validTo: '2031-06-15' },
      card: null,
      phoneMasked: null,
    });
  });

  it('a Taiwan permit is a CD document', () => {
    expect(identityFromZone(zoneOf(sample('zhang-tw')), 'taiwanPermit', NOW)).toMatchObject({ method: 'taiwanPermit', document: { type: 'CD', number: 'T12345678', validTo: '2030-09-20' } });
  });

  it('a passport: the holder as the zone names them, and the sex', () => {
    expect(identityFromZone(zoneOf(sample('zhang-passport')), 'passport', NOW)).toEqual<Identity>({
      method: 'passport',
      name: 'ZHANG WEIMING',
      idNumber: null,
      sex: 'M',
      birthDate: '1980-03-15',
      document: { type: 'P', number: 'E12345678', validTo: '2032-01-01' },
      card: null,
      phoneMasked: null,
    });
  });

  it('puts a birth year later than this one in the last century, and one up to this year in this century', () => {
    expect(identityFromZone(zoneOf(permitZone('C11111111', '300101', '270101')), 'hkMacaoPermit', NOW).birthDate).toBe('1927-01-01');
    expect(identityFromZone(zoneOf(permitZone('C11111111', '300101', '100101')), 'hkMacaoPermit', NOW).birthDate).toBe('2010-01-01');
  });

  it('reads an expiry as this century, and one that far into it as run out last century', () => {
    expect(identityFromZone(zoneOf(permitZone('C11111111', '360101', '800101')), 'hkMacaoPermit', NOW).document.validTo).toBe('2036-01-01');
    // A document that ran out in 1999 must be seen as expired, not valid until 2099.
    expect(identityFromZone(zoneOf(permitZone('C11111111', '991231', '800101')), 'hkMacaoPermit', NOW).document.validTo).toBe('1999-12-31');
  });

  it('refuses a zone without a usable date of birth as unreadable', () => {
    const zone = { ...zoneOf(sample('zhang-hk')), birthDate: '80<<15' };
    const error = (() => {
      try {
        identityFromZone(zone, 'hkMacaoPermit', NOW);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: 'unreadable' });
    // The message names no part of the zone.
    expect((error as Error).message).not.toContain('C12345678');
  });
});

describe('readDocument with the document reader simulator', () => {
  it.each([
    ['zhang-hk', 'CS', 'hkMacaoPermit'],
    ['zhang-tw', 'CD', 'taiwanPermit'],
    ['zhang-passport', 'P', 'passport'],
  ] as const)('reads the sample %s when a %s is asked for', async (id, code, method) => {
    const reader = new SimDocumentReader();
    const reading = readDocument(reader, code, live());
    expect(reader.present(sample(id))).toBe(true);
    expect(await reading).toMatchObject({ method, document: { type: code } });
  });

  it('refuses a document of another kind than the service needs as wrongDocument', async () => {
    const reader = new SimDocumentReader();
    const reading = readDocument(reader, 'CS', live());
    reader.present(sample('zhang-tw'));
    expect(await rejection(reading)).toMatchObject({ name: 'StepError', code: 'wrongDocument' });
  });

  it('refuses a zone the reader could not read (garbled) as unreadable', async () => {
    const reader = new SimDocumentReader();
    reader.failNext('garbled');
    const reading = readDocument(reader, 'CS', live());
    reader.present(sample('zhang-hk'));
    expect(await rejection(reading)).toMatchObject({ code: 'unreadable' });
  });

  it('keeps waiting when the reader never finished a document (timeout), and reads the next one', async () => {
    const reader = new SimDocumentReader();
    reader.failNext('timeOut');
    const reading = readDocument(reader, 'CS', live());
    expect(reader.present(sample('zhang-hk'))).toBe(false);
    expect(reader.present(sample('zhang-hk'))).toBe(true);
    expect(await reading).toMatchObject({ document: { number: 'C12345678' } });
  });

  it('fails at once as readerUnavailable when the reader is offline', async () => {
    const reader = new SimDocumentReader();
    reader.setDevice('offline');
    expect(await rejection(readDocument(reader, 'P', live()))).toMatchObject({ code: 'readerUnavailable' });
  });

  it('stops listening when the resident leaves: a document presented afterwards goes to the next reading only', async () => {
    const reader = new SimDocumentReader();
    const leave = new AbortController();
    const first = readDocument(reader, 'CS', leave.signal);
    leave.abort();
    expect(await rejection(first)).toBeInstanceOf(Error);
    const second = readDocument(reader, 'CS', live());
    reader.present(sample('zhang-hk'));
    expect(await second).toMatchObject({ method: 'hkMacaoPermit' });
  });

  it('reads only one document per reading', async () => {
    const reader = new SimDocumentReader();
    const reading = readDocument(reader, 'CS', live());
    reader.present(sample('zhang-hk'));
    reader.present(sample('li-hk'));
    expect(await reading).toMatchObject({ document: { number: 'C12345678' } });
  });
});

describe('the identify step actors on the simulated platform', () => {
  function actors(platform: SimPlatform, lines: string[]) {
    // What the identify actors use; the rest of the host is not needed for a code.
    const deps: Pick<StepDeps, 'devices' | 'platform' | 'log'> = {
      devices: { documentReader: new SimDocumentReader() } as unknown as KioskDevices,
      platform,
      log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
    };
    return identifyHostActors(deps as StepDeps);
  }

  it('a code sent and typed back proves the holder, with the masked phone it went to; nothing personal is logged', async () => {
    const platform = new SimPlatform();
    const lines: string[] = [];
    const host = actors(platform, lines);
    const idNumber = '110105198003150012';
    const sent = await toPromise(createActor(host.requestCode, { input: { idNumber, sessionId: 's1' } }).start());
    expect(sent).toEqual({ phoneMasked: '139****0012' });
    const code = platform.lastCode!;
    const identity = await toPromise(createActor(host.verifyCode, { input: { idNumber, code, sessionId: 's1' } }).start());
    expect(identity).toEqual<Identity>({
      method: 'idNumberOtp',
      name: '张伟明',
      idNumber,
      sex: 'M',
      birthDate: '1980-03-15',
      document: { type: 'none', number: idNumber, validTo: null },
      card: null,
      phoneMasked: '139****0012',
    });
    const joined = lines.join('\n');
    for (const secret of [idNumber, code, '张伟明', '139****0012']) expect(joined).not.toContain(secret);
  });

  it('a wrong code is wrongCode', async () => {
    const platform = new SimPlatform();
    const host = actors(platform, []);
    const idNumber = '110105198003150012';
    await toPromise(createActor(host.requestCode, { input: { idNumber, sessionId: 's1' } }).start());
    const wrong = platform.lastCode === '000000' ? '000001' : '000000';
    expect(await rejection(toPromise(createActor(host.verifyCode, { input: { idNumber, code: wrong, sessionId: 's1' } }).start()))).toMatchObject({ code: 'wrongCode' });
  });
});
