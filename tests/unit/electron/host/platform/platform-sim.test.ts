import { describe, expect, it } from 'vitest';
import { SIM_DOCUMENTS } from '../../../../../electron/host/hardware/sim-documents';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { SimPlatform } from '../../../../../electron/host/platform/platform.sim';
import { parseMrz } from '../../../../../shared/domain/mrz';
import { LOOKUP_KINDS, lookupDataSchemas } from '../../../../../shared/steps/lookup/lookup-kinds';
import { StepError } from '../../../../../shared/steps/step-error';

const ZHANG = '110105198003150012';
const NOBODY = '11010519491231002X';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StepError)) throw new Error(`expected a StepError, got ${String(error)}`);
  return error.code;
}

const PLATES = ['京A12345', '京B67890', '沪A54321'];
const PERMITS = SIM_DOCUMENTS.flatMap((d) => {
  const zone = parseMrz(d.mrz);
  return zone.ok ? [zone.value.documentNumber] : [];
});

describe('the simulated platform: its fictional data', () => {
  it('answers every kind with data its schema takes, for every sample resident, plate and permit it knows', async () => {
    const platform = new SimPlatform();
    const idNumbers = SIM_RESIDENTS.flatMap((r) => (r.card ? [r.card.idNumber] : []));
    let answered = 0;
    for (const kind of LOOKUP_KINDS) {
      for (const idNumber of idNumbers) {
        for (const params of [{ idNumber }, ...PLATES.map((plate) => ({ idNumber, plate })), ...PERMITS.map((permitNumber) => ({ permitNumber }))]) {
          const found = await platform.lookup(kind, params).catch((error: unknown) => {
            if (error instanceof StepError && error.code === 'notFound') return undefined;
            throw error;
          });
          if (!found) continue;
          answered += 1;
          expect(found.kind).toBe(kind);
          expect(lookupDataSchemas[kind].safeParse(found.data).success, `${kind} ${JSON.stringify(params)}`).toBe(true);
        }
      }
    }
    expect(answered).toBeGreaterThan(LOOKUP_KINDS.length);
  });

  it('has every sample permit on file, and nothing for a number it does not know', async () => {
    const platform = new SimPlatform();
    const permits = SIM_DOCUMENTS.filter((d) => parseMrz(d.mrz).ok && !d.id.endsWith('passport'));
    expect(permits.length).toBeGreaterThan(0);
    for (const d of permits) {
      const zone = parseMrz(d.mrz);
      if (!zone.ok) throw new Error(`${d.id} does not parse`);
      expect(await platform.lookup('endorsements', { permitNumber: zone.value.documentNumber })).toMatchObject({ kind: 'endorsements' });
    }
    expect(await codeOf(platform.lookup('endorsements', { permitNumber: 'C00000000' }))).toBe('notFound');
    expect(await codeOf(platform.lookup('household', { idNumber: NOBODY }))).toBe('notFound');
    expect(await codeOf(platform.lookup('fines', { plate: '京Z00000' }))).toBe('notFound');
  });
});

describe('the simulated platform: faults', () => {
  it('offline: every lookup fails as offline and no code is sent or checked, until online', async () => {
    const platform = new SimPlatform();
    platform.setFault('offline');
    expect(await codeOf(platform.lookup('household', { idNumber: ZHANG }))).toBe('offline');
    expect(await codeOf(platform.lookup('household', { idNumber: ZHANG }))).toBe('offline');
    expect(await codeOf(platform.sendCode(ZHANG))).toBe('platformUnavailable');
    expect(await codeOf(platform.verifyCode(ZHANG, '123456'))).toBe('platformUnavailable');
    expect(platform.lastCode).toBeNull();
    platform.setFault('online');
    expect(await platform.lookup('household', { idNumber: ZHANG })).toMatchObject({ kind: 'household' });
  });

  it.each([
    ['unavailableNext', 'unavailable'],
    ['notFoundNext', 'notFound'],
  ] as const)('%s: the next call only fails as %s', async (fault, code) => {
    const platform = new SimPlatform();
    platform.setFault(fault);
    expect(await codeOf(platform.lookup('household', { idNumber: ZHANG }))).toBe(code);
    expect(await platform.lookup('household', { idNumber: ZHANG })).toMatchObject({ kind: 'household' });
    // A code request takes the armed fault the same way, as the platform being away.
    platform.setFault(fault);
    expect(await codeOf(platform.sendCode(ZHANG))).toBe('platformUnavailable');
    expect((await platform.sendCode(ZHANG)).phoneMasked).toBe('139****0012');
  });
});

describe('the simulated platform: one-time codes', () => {
  it('sends a six-digit code it shows as lastCode, takes it once, and says who the number belongs to', async () => {
    const platform = new SimPlatform();
    expect(platform.lastCode).toBeNull();
    expect(await platform.sendCode(ZHANG)).toEqual({ phoneMasked: '139****0012' });
    const code = platform.lastCode;
    expect(code).toMatch(/^\d{6}$/);
    expect(await platform.verifyCode(ZHANG, code!)).toEqual({ name: '张伟明', sex: 'M', birthDate: '1980-03-15' });
    // Used up: the same code does not prove anyone twice.
    expect(await codeOf(platform.verifyCode(ZHANG, code!))).toBe('wrongCode');
  });

  it('refuses a code that is not the one sent, and a number it has no phone for', async () => {
    const platform = new SimPlatform();
    await platform.sendCode(ZHANG);
    const wrong = platform.lastCode === '000000' ? '000001' : '000000';
    expect(await codeOf(platform.verifyCode(ZHANG, wrong))).toBe('wrongCode');
    expect(await codeOf(platform.sendCode(NOBODY))).toBe('notFound');
    expect(await codeOf(platform.verifyCode(NOBODY, '123456'))).toBe('notFound');
  });
});
