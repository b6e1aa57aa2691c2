import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { StepError } from '../../../../shared/steps/step-error';
import { begin, CARD, CHECK, otpIdentity, RATING, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const OTP_ONLY: Step = { kind: 'identify', id: 'identify', methods: ['idNumberOtp'] };
const CARD_OR_OTP: Step = { kind: 'identify', id: 'identify', methods: ['idCard', 'idNumberOtp'] };
const CATALOG = [service('otp', [OTP_ONLY, CHECK, SUBMIT, SLIP, RATING]), service('either', [CARD_OR_OTP, CHECK, SUBMIT, SLIP, RATING])];

const wrongCode = () => new StepError('wrongCode', 'the code does not match');

async function toCode(t: Flow) {
  await begin(t, 'otp');
  t.send({ type: 'OTP_ID_NUMBER', idNumber: CARD.idNumber });
  await t.settle();
  expect(t.screen()).toMatchObject({ name: 'identify', phase: 'otpCode', phoneMasked: '139****0000' });
}

describe('identify: ID number and one-time code', () => {
  it('asks for the number, sends a code to the phone on file, checks it, and moves on', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'otp');
    expect(t.screen()).toEqual({ name: 'identify', phase: 'otpNumber', methods: ['idNumberOtp'], method: 'idNumberOtp', error: null, inputError: null, phoneMasked: null, busy: false, codesLeft: 3 });
    const sending = t.hold('requestCode');
    t.send({ type: 'OTP_ID_NUMBER', idNumber: CARD.idNumber });
    expect(t.screen()).toMatchObject({ phase: 'otpNumber', busy: true });
    expect(t.calls.requestCode).toEqual([{ idNumber: CARD.idNumber, sessionId: 's1' }]);
    sending[0]?.resolve({ phoneMasked: '138****1234' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'otpCode', phoneMasked: '138****1234', busy: false });
    const verifying = t.hold('verifyCode');
    t.send({ type: 'OTP_CODE', code: '１２３ ４５６' });
    expect(t.screen()).toMatchObject({ phase: 'otpCode', busy: true });
    expect(t.calls.verifyCode).toEqual([{ idNumber: CARD.idNumber, code: '123456', sessionId: 's1' }]);
    verifying[0]?.resolve(otpIdentity());
    await t.settle();
    expect(t.actor.getSnapshot().context.session.identity).toEqual(otpIdentity());
    expect(t.screen().name).toBe('check');
  });

  it('a number that is not a resident ID number is a typing mistake on the same screen', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'otp');
    t.send({ type: 'OTP_ID_NUMBER', idNumber: '110105198003150013' });
    expect(t.screen()).toMatchObject({ phase: 'otpNumber', inputError: 'idNumberFormat', error: null });
    t.send({ type: 'OTP_ID_NUMBER', idNumber: '1234' });
    expect(t.screen()).toMatchObject({ phase: 'otpNumber', inputError: 'idNumberFormat' });
    expect(t.calls.requestCode).toEqual([]);
    t.send({ type: 'OTP_ID_NUMBER', idNumber: CARD.idNumber });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'otpCode', inputError: null });
  });

  it('a code that is not six digits is a typing mistake; the platform is not asked', async () => {
    const t = startFlow(CATALOG);
    await toCode(t);
    t.send({ type: 'OTP_CODE', code: '12345' });
    expect(t.screen()).toMatchObject({ phase: 'otpCode', inputError: 'codeFormat' });
    t.send({ type: 'OTP_CODE', code: '12a456' });
    expect(t.screen()).toMatchObject({ phase: 'otpCode', inputError: 'codeFormat' });
    expect(t.calls.verifyCode).toEqual([]);
  });

  it.each([
    [new StepError('notFound', 'no such number'), 'notFound'],
    [new StepError('platformUnavailable', 'offline'), 'platformUnavailable'],
    [new Error('socket hang up'), 'platformUnavailable'],
  ] as const)('sending the code failing with %s -> failed %s; RETRY goes back to the number', async (failure, error) => {
    const t = startFlow(CATALOG);
    t.fakes.requestCode = async () => {
      throw failure;
    };
    await begin(t, 'otp');
    t.send({ type: 'OTP_ID_NUMBER', idNumber: CARD.idNumber });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'failed', error });
    t.send({ type: 'RETRY' });
    expect(t.screen()).toMatchObject({ phase: 'otpNumber', error: null, inputError: null });
  });

  it('a wrong code twice, then the right one, goes through', async () => {
    const t = startFlow(CATALOG);
    await toCode(t);
    let wrong = 2;
    t.fakes.verifyCode = async ({ idNumber }) => {
      if (wrong-- > 0) throw wrongCode();
      return otpIdentity(idNumber);
    };
    t.send({ type: 'OTP_CODE', code: '111111' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'otpCode', error: 'wrongCode' });
    t.send({ type: 'OTP_CODE', code: '222222' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'otpCode', error: 'wrongCode' });
    t.send({ type: 'OTP_CODE', code: '333333' });
    await t.settle();
    expect(t.calls.verifyCode.map((c) => c.code)).toEqual(['111111', '222222', '333333']);
    expect(t.screen().name).toBe('check');
  });

  it('three wrong codes end it: tooManyAttempts, and RETRY does nothing', async () => {
    const t = startFlow(CATALOG);
    await toCode(t);
    t.fakes.verifyCode = async () => {
      throw wrongCode();
    };
    for (const code of ['111111', '222222', '333333']) {
      t.send({ type: 'OTP_CODE', code });
      await t.settle();
    }
    expect(t.screen()).toMatchObject({ phase: 'failed', error: 'tooManyAttempts' });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'failed', error: 'tooManyAttempts' });
    expect(t.calls.verifyCode).toHaveLength(3);
    expect(t.calls.requestCode).toHaveLength(1);
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'otp' });
    // Starting again in the same session does not buy three more tries, nor send another code.
    t.send({ type: 'CONTINUE' });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'identify', phase: 'failed', error: 'tooManyAttempts' });
    expect(t.calls.requestCode).toHaveLength(1);
  });

  it('checking the code failing otherwise -> failed with that error', async () => {
    const t = startFlow(CATALOG);
    await toCode(t);
    t.fakes.verifyCode = async () => {
      throw new Error('timeout');
    };
    t.send({ type: 'OTP_CODE', code: '123456' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'failed', error: 'platformUnavailable' });
  });
});

describe('identify: Back from each one-time code phase', () => {
  it('from the number: the start page with one method, the choice with several', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'otp');
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'otp' });

    const u = startFlow(CATALOG);
    await begin(u, 'either');
    u.send({ type: 'IDENTIFY_WITH', method: 'idNumberOtp' });
    expect(u.screen()).toMatchObject({ phase: 'otpNumber' });
    u.send({ type: 'BACK' });
    expect(u.screen()).toMatchObject({ phase: 'choose', method: null });
  });

  it('while the code is being sent: back to the number, and the request is stopped', async () => {
    const t = startFlow(CATALOG);
    t.hold('requestCode');
    await begin(t, 'otp');
    t.send({ type: 'OTP_ID_NUMBER', idNumber: CARD.idNumber });
    t.send({ type: 'BACK' });
    expect(t.screen()).toMatchObject({ phase: 'otpNumber', busy: false });
    expect(t.aborted.requestCode).toBe(1);
  });

  it('from the code: back to the number, with no error left over', async () => {
    const t = startFlow(CATALOG);
    await toCode(t);
    t.send({ type: 'OTP_CODE', code: '1' });
    t.send({ type: 'BACK' });
    expect(t.screen()).toMatchObject({ phase: 'otpNumber', inputError: null, error: null });
  });

  it('from a failure: the choice with several methods', async () => {
    const t = startFlow(CATALOG);
    t.fakes.requestCode = async () => {
      throw new StepError('notFound', 'x');
    };
    await begin(t, 'either');
    t.send({ type: 'IDENTIFY_WITH', method: 'idNumberOtp' });
    t.send({ type: 'OTP_ID_NUMBER', idNumber: CARD.idNumber });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'failed', error: 'notFound' });
    t.send({ type: 'BACK' });
    expect(t.screen()).toMatchObject({ phase: 'choose', error: null });
  });
});
