// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenOf } from '../../../../shared/contract';
import { Check } from '../../../../renderer/src/screens/Check';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';

afterEach(cleanup);

const check: ScreenOf<'check'> = {
  name: 'check',
  stepId: 'check',
  applicant: { name: '王小龙', numberMasked: '4403**********0037', method: 'idCard' },
  rows: [
    { kind: 'answer', question: { id: 'renewalReason', kind: 'choice', options: [{ id: 'expired' }, { id: 'changed', withText: true }] }, value: { choice: 'changed', text: '姓名' } , picked: null },
    { kind: 'answer', question: { id: 'phone', kind: 'phone' }, value: { text: '13500000000' } , picked: null },
    { kind: 'answer', question: { id: 'lossDate', kind: 'date', range: 'past' }, value: { text: '2026-02-01' } , picked: null },
    { kind: 'answer', question: { id: 'travelCountry', kind: 'country' }, value: { choice: 'TW' } , picked: null },
    { kind: 'photo', stepId: 'portrait', photo: 'AAAA' },
  ],
  feeFen: 2000,
};

describe('Check your answers', () => {
  it('each Change link sends CHANGE with its question id, and the photo row with its photo step id', () => {
    const props = screenProps(check, { serviceId: 'idCardRenewal' });
    renderWithI18n(<Check {...props} />);
    fireEvent.click(screen.getByTestId('change-phone'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'CHANGE', item: 'phone' });
    fireEvent.click(screen.getByTestId('change-renewalReason'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'CHANGE', item: 'renewalReason' });
    fireEvent.click(screen.getByTestId('change-portrait'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'CHANGE', item: 'portrait' });
    fireEvent.click(screen.getByTestId('submit'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'SUBMIT' });
  });

  it('names what each Change link changes, for screen readers', () => {
    renderWithI18n(<Check {...screenProps(check)} />, 'en');
    expect(screen.getByRole('button', { name: 'Change What is your mobile phone number?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change Photo' })).toBeTruthy();
  });

  it('shows each answer in words, the applicant with a masked number, the photo and the fee', () => {
    renderWithI18n(<Check {...screenProps(check, { serviceId: 'idCardRenewal' })} />);
    expect(screen.getByTestId('answer-renewalReason').textContent).toBe('登记信息有变化：姓名');
    expect(screen.getByTestId('answer-lossDate').textContent).toBe('2026年2月1日');
    expect(screen.getByTestId('answer-travelCountry').textContent).toBe('中国台湾');
    expect(screen.getByTestId('applicant-name').textContent).toBe('王小龙');
    expect(screen.getByTestId('applicant-id').textContent).toBe('4403**********0037');
    expect(screen.getByTestId('check-photo').getAttribute('src')).toBe('data:image/jpeg;base64,AAAA');
    expect(screen.getByTestId('check-fee').textContent).toBe('￥20.00');
    expect(screen.getByRole('heading', { level: 2, name: '换领居民身份证' })).toBeTruthy();
  });

  it('lists each fine chosen with its offence, date and amount, not just how many', () => {
    const fine = { id: 'V2026001', date: '2026-03-04', place: '长安街', offence: '1039', points: 0, amountFen: 20000, payable: true };
    const picked: ScreenOf<'check'> = {
      ...check,
      rows: [{ kind: 'answer', question: { id: 'finesChosen', kind: 'pick', from: 'fines', min: 1 }, value: { picks: ['V2026001'] }, picked: [fine] }],
      feeFen: 20000,
    };
    renderWithI18n(<Check {...screenProps(picked, { serviceId: 'trafficFines' })} />);
    const row = screen.getByTestId('picked-V2026001').textContent ?? '';
    expect(row).toContain('2026年3月4日');
    expect(row).toContain('￥200.00');
    expect(row).toContain('违反规定停放');
    expect(row).not.toContain('已选');
  });

  it('has no fee row when there is nothing to pay', () => {
    renderWithI18n(<Check {...screenProps({ ...check, feeFen: 0 })} />);
    expect(screen.queryByTestId('check-fee')).toBeNull();
    expect(screen.getByTestId('submit').textContent).toBe('提交申请');
  });
});
