// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenOf } from '../../../../shared/contract';
import { Confirmation } from '../../../../renderer/src/screens/Confirmation';
import { Identify } from '../../../../renderer/src/screens/Identify';
import { LookupResult } from '../../../../renderer/src/screens/Lookup';
import { SubmitFailed } from '../../../../renderer/src/screens/Outcome';
import { Printing } from '../../../../renderer/src/screens/Printing';
import { Rating } from '../../../../renderer/src/screens/Rating';
import { Start } from '../../../../renderer/src/screens/Start';
import { renderWithI18n } from '../render';
import { allOnline, screenProps } from '../screen-props';

afterEach(cleanup);

const identify: ScreenOf<'identify'> = { name: 'identify', phase: 'choose', methods: ['idCard', 'idNumberOtp'], method: null, error: null, inputError: null, phoneMasked: null, busy: false, codesLeft: 3 };

describe('Identify', () => {
  it('offers one button per method and sends the one chosen', () => {
    const props = screenProps(identify);
    renderWithI18n(<Identify {...props} />);
    expect(document.querySelector('main[data-screen="identifyChoose"]')).not.toBeNull();
    fireEvent.click(screen.getByTestId('method-idNumberOtp'));
    expect(props.send).toHaveBeenCalledWith({ type: 'IDENTIFY_WITH', method: 'idNumberOtp' });
    expect(screen.getByTestId('method-idCard').textContent).toBe('居民身份证');
  });

  it('types an ID number with an X on the keypad and sends it', () => {
    const props = screenProps({ ...identify, phase: 'otpNumber', method: 'idNumberOtp' });
    renderWithI18n(<Identify {...props} />);
    for (const k of '51010719680203004X') fireEvent.click(screen.getByTestId(`key-${k}`));
    expect(screen.getByTestId<HTMLInputElement>('idnumber-input').value).toBe('51010719680203004X');
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'OTP_ID_NUMBER', idNumber: '51010719680203004X' });
  });

  it('says where the code went, and a wrong code is an error on the code screen', () => {
    const props = screenProps({ ...identify, phase: 'otpCode', method: 'idNumberOtp', phoneMasked: '139****0012', error: 'wrongCode' });
    renderWithI18n(<Identify {...props} />);
    expect(screen.getByTestId('code-sent').textContent).toContain('139****0012');
    expect(screen.getByTestId('error-summary').textContent).toContain('验证码不正确');
    expect(screen.queryByTestId('codes-left')?.textContent).toBe('还可尝试 3 次。');
    for (const k of '123456') fireEvent.click(screen.getByTestId(`key-${k}`));
    fireEvent.click(screen.getByTestId('key-7'));
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'OTP_CODE', code: '123456' });
  });

  it('while the code is being sent there is nothing to press twice', () => {
    renderWithI18n(<Identify {...screenProps({ ...identify, phase: 'otpNumber', method: 'idNumberOtp', busy: true, codesLeft: 3 })} />);
    expect(screen.queryByTestId('continue')).toBeNull();
    expect(screen.getByTestId('identify-busy').textContent).toBe('正在发送验证码……');
  });

  it('a failure offers Try again, except after too many wrong codes', () => {
    const props = screenProps({ ...identify, phase: 'failed', method: 'idCard', error: 'expired' });
    const { unmount } = renderWithI18n(<Identify {...props} />);
    expect(screen.getByTestId('identify-reason').textContent).toContain('此居民身份证已过有效期');
    fireEvent.click(screen.getByTestId('retry'));
    expect(props.send).toHaveBeenCalledWith({ type: 'RETRY' });
    unmount();
    renderWithI18n(<Identify {...screenProps({ ...identify, phase: 'failed', method: 'idNumberOtp', error: 'tooManyAttempts' })} />);
    expect(screen.queryByTestId('retry')).toBeNull();
    expect(screen.getByTestId('back')).toBeTruthy();
  });
});

describe('Rating', () => {
  it('a level, then an optional reason, then Send; or Skip', () => {
    const props = screenProps<'rating'>({ name: 'rating', stepId: 'rating' });
    renderWithI18n(<Rating {...props} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent).slice(0, 5)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(screen.queryByTestId('rate-send')).toBeNull();
    fireEvent.click(screen.getByTestId('rate-2'));
    expect(screen.getByTestId('rate-2').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('reason-slow'));
    fireEvent.click(screen.getByTestId('rate-send'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'RATE', level: 2, reason: 'slow' });
    fireEvent.click(screen.getByTestId('rate-5'));
    fireEvent.click(screen.getByTestId('skip'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'SKIP' });
  });

  it('sends a level without a reason when none is chosen', () => {
    const props = screenProps<'rating'>({ name: 'rating', stepId: 'rating' });
    renderWithI18n(<Rating {...props} />);
    fireEvent.click(screen.getByTestId('rate-5'));
    fireEvent.click(screen.getByTestId('rate-send'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'RATE', level: 5 });
  });
});

const confirmation: ScreenOf<'confirmation'> = { name: 'confirmation', stepId: 'slip', reference: 'JN-K01A-7QXZ-3', status: 'failed', paidFen: 3000, review: true, bring: ['householdBook'], others: [{ output: 'permitEndorsement', status: 'later' }] };

describe('Confirmation', () => {
  it('reference, print status, amount paid, review, what to bring, and how the other prints went', () => {
    const props = screenProps(confirmation, { lang: 'en' });
    renderWithI18n(<Confirmation {...props} />, 'en');
    expect(screen.getByTestId('reference').textContent).toBe('JN-K01A-7QXZ-3');
    expect(screen.getByTestId('print-status').getAttribute('data-print')).toBe('failed');
    expect(screen.getByTestId('paid').textContent).toBe('Fee paid: ￥30.00');
    expect(screen.getByTestId('confirmation-review')).toBeTruthy();
    expect(screen.getByTestId('confirmation-bring').textContent).toBe('The household register book');
    expect(screen.getByTestId('confirmation-others').textContent).toContain('Print it later at this kiosk with your reference number');
    fireEvent.click(screen.getByTestId('reprint'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'RETRY' });
    fireEvent.click(screen.getByTestId('finish'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'FINISH' });
  });

  it('offers no reprint once the slip is printed', () => {
    renderWithI18n(<Confirmation {...screenProps({ ...confirmation, status: 'printed', paidFen: null })} />);
    expect(screen.queryByTestId('reprint')).toBeNull();
    expect(screen.queryByTestId('paid')).toBeNull();
  });
});

describe('Printing', () => {
  it('a failed document can be tried again or left for later', () => {
    const props = screenProps<'printing'>({ name: 'printing', stepId: 'print', output: 'a4', document: 'householdCertificate', reference: 'JN-K01A-7QXZ-3', status: 'failed' });
    renderWithI18n(<Printing {...props} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('户籍证明未能打印');
    fireEvent.click(screen.getByTestId('retry'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'RETRY' });
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'CONTINUE' });
  });

  it('an endorsement waiting for the permit says where to put it, then that it is printing once the card is in', () => {
    const printing = screenProps<'printing'>({ name: 'printing', stepId: 'print', output: 'permitEndorsement', document: null, reference: 'JN-K01A-7QXZ-3', status: 'printing' });
    const { unmount } = renderWithI18n(<Printing {...printing} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('请将通行证放入签注打印口');
    expect(screen.getByTestId('print-status').getAttribute('data-phase')).toBe('insert');
    const devices = { ...allOnline, permitPrinter: { device: 'online', media: 'present' } } as const;
    unmount();
    renderWithI18n(<Printing {...printing} devices={devices} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('正在将签注打印到您的通行证上……');
    expect(screen.queryByTestId('continue')).toBeNull();
  });

  it('an endorsement to print later says it is approved, with Continue only', () => {
    renderWithI18n(<Printing {...screenProps<'printing'>({ name: 'printing', stepId: 'print', output: 'permitEndorsement', document: null, reference: 'JN-K01A-7QXZ-3', status: 'later' })} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('签注已批准，请稍后打印');
    expect(screen.queryByTestId('retry')).toBeNull();
    expect(screen.getByTestId('reference').textContent).toBe('JN-K01A-7QXZ-3');
  });
});

describe('LookupResult', () => {
  const found = { found: true as const, serviceId: 'hkMacaoEndorsement', state: 'accepted' as const, certificateReady: false, submittedAt: Date.UTC(2026, 5, 1, 4), toPrint: ['permitEndorsement' as const], review: null };

  it('offers Print when something waits to be printed, and says how the print went', () => {
    const props = screenProps<'lookupResult'>({ name: 'lookupResult', reference: 'JN-K01A-7QXZ-3', result: found, reprint: 'notReady' });
    renderWithI18n(<LookupResult {...props} />);
    expect(screen.getByTestId('lookup-to-print').textContent).toContain('签注');
    expect(screen.getByTestId('reprint-status').getAttribute('data-reprint')).toBe('notReady');
    fireEvent.click(screen.getByTestId('reprint'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'REPRINT' });
  });

  it('has no Print button when nothing waits, or while printing', () => {
    const { unmount } = renderWithI18n(<LookupResult {...screenProps<'lookupResult'>({ name: 'lookupResult', reference: 'JN-K01A-7QXZ-3', result: { ...found, toPrint: [] }, reprint: 'none' })} />);
    expect(screen.queryByTestId('reprint')).toBeNull();
    unmount();
    renderWithI18n(<LookupResult {...screenProps<'lookupResult'>({ name: 'lookupResult', reference: 'JN-K01A-7QXZ-3', result: found, reprint: 'printing' })} />);
    expect(screen.queryByTestId('reprint')).toBeNull();
  });

  it('a reprinted endorsement says where to put the permit, then only that it is printing once the card is in', () => {
    const printing = screenProps<'lookupResult'>({ name: 'lookupResult', reference: 'JN-K01A-7QXZ-3', result: found, reprint: 'printing' });
    const { unmount } = renderWithI18n(<LookupResult {...printing} />);
    expect(screen.getByTestId('reprint-status').getAttribute('data-phase')).toBe('insert');
    expect(screen.getByTestId('reprint-status').textContent).toContain('请将通行证放入签注打印口');
    unmount();
    const devices = { ...allOnline, permitPrinter: { device: 'online', media: 'present' } } as const;
    const { unmount: again } = renderWithI18n(<LookupResult {...printing} devices={devices} />);
    expect(screen.getByTestId('reprint-status').getAttribute('data-phase')).toBeNull();
    again();
    // A4 documents need nothing from the resident.
    renderWithI18n(<LookupResult {...screenProps<'lookupResult'>({ name: 'lookupResult', reference: 'JN-K01A-7QXZ-3', result: { ...found, toPrint: ['a4'] }, reprint: 'printing' })} />);
    expect(screen.getByTestId('reprint-status').getAttribute('data-phase')).toBeNull();
  });
});

describe('Start', () => {
  it('from the catalog entry: what to bring, a fixed fee, the time and the photo note', () => {
    renderWithI18n(<Start {...screenProps<'start'>({ name: 'start', serviceId: 'idCardRenewal' })} />);
    expect(screen.getByTestId('start-bring').textContent).toContain('可以扫码支付');
    expect(screen.getByTestId('start-fee').textContent).toBe('￥20.00');
    expect(document.body.textContent).toContain('按居民身份证照片标准');
  });

  it('a fee computed from what the resident picks says so', () => {
    renderWithI18n(<Start {...screenProps<'start'>({ name: 'start', serviceId: 'trafficFines' }, { lang: 'en' })} />, 'en');
    expect(screen.getByTestId('start-fee').textContent).toBe('The total of the fines you choose to pay');
  });
});

describe('SubmitFailed', () => {
  it('before payment: nothing was sent, Back and Try again', () => {
    const props = screenProps<'submitFailed'>({ name: 'submitFailed', stepId: 'submit', paid: false });
    renderWithI18n(<SubmitFailed {...props} />);
    expect(screen.getByTestId('submit-failed-body').textContent).toContain('没有发送任何信息');
    fireEvent.click(screen.getByTestId('back'));
    expect(props.send).toHaveBeenCalledWith({ type: 'BACK' });
  });

  it('after payment: the money is safe with this application, and there is no Back to change it', () => {
    const props = screenProps<'submitFailed'>({ name: 'submitFailed', stepId: 'submit', paid: true });
    renderWithI18n(<SubmitFailed {...props} />, 'en');
    expect(screen.getByTestId('submit-failed-body').textContent).toContain('will not be taken again');
    expect(screen.queryByTestId('back')).toBeNull();
    fireEvent.click(screen.getByTestId('retry'));
    expect(props.send).toHaveBeenCalledWith({ type: 'RETRY' });
  });
});
