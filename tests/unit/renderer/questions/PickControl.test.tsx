// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenOf } from '../../../../shared/contract';
import { Question } from '../../../../renderer/src/screens/Question';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';
import { questionScreen } from './question-screen';

afterEach(cleanup);

const finesChosen = { id: 'finesChosen', kind: 'pick', from: 'fines', min: 1 } as const;
const items: NonNullable<ScreenOf<'question'>['items']> = [
  { id: 'V1', amountFen: 20_000, date: '2026-03-01', place: '朝阳区东三环中路', offence: '1039', points: 0, payable: true },
  { id: 'V2', amountFen: 5_050, date: '2026-04-12', place: '朝阳区建国路', offence: '9999', points: 0, payable: true },
  { id: 'V3', amountFen: 20_000, date: '2026-05-05', place: '东城区长安街', offence: '1625', points: 6, payable: false },
];

describe('pick question', () => {
  it('shows each payable item with offence, date, place, points and fine, and sends the picks in list order', () => {
    const props = screenProps(questionScreen(finesChosen, { items }));
    renderWithI18n(<Question {...props} />);
    const first = screen.getByLabelText(/违反规定停放/);
    expect(first.getAttribute('type')).toBe('checkbox');
    const label = document.querySelector(`label[for="${first.id}"]`);
    expect(label?.textContent).toContain('2026年3月1日');
    expect(label?.textContent).toContain('朝阳区东三环中路');
    expect(label?.textContent).toContain('记分：0 分');
    expect(label?.textContent).toContain('罚款：￥200.00');
    // An offence code the kiosk has no text for still reads as a violation.
    expect(document.querySelector('label[for="field-finesChosen-V2"]')?.textContent).toContain('交通违法行为');
    fireEvent.click(screen.getByTestId('pick-V2'));
    fireEvent.click(screen.getByTestId('pick-V1'));
    expect(screen.getByTestId('pick-total').textContent).toBe('已选 2 项，合计 ￥250.50');
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'ANSWER', questionId: 'finesChosen', value: { picks: ['V1', 'V2'] } });
  });

  it('lists what cannot be paid here apart, without a checkbox', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(finesChosen, { items }), { lang: 'en' })} />, 'en');
    expect(screen.queryByTestId('pick-V3')).toBeNull();
    const counter = screen.getByTestId('counter-V3');
    expect(counter.textContent).toContain('Running a red light');
    expect(counter.textContent).toContain('Points: 6');
    expect(screen.getByRole('heading', { name: 'To deal with at a counter' })).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Which fines do you want to pay?' })).getAllByRole('checkbox')).toHaveLength(2);
  });

  it('keeps what was picked before, and asks for at least the minimum', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(finesChosen, { items, answer: { picks: ['V2'] }, error: 'pickNone' }))} />);
    expect(screen.getByTestId<HTMLInputElement>('pick-V2').checked).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>('pick-V1').checked).toBe(false);
    expect(screen.getByTestId('error-summary').textContent).toContain('请至少选择 1 项后再继续');
  });
});
