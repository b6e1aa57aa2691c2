// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Question } from '../../../../renderer/src/screens/Question';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';
import { questionScreen } from './question-screen';

afterEach(cleanup);

const lossDate = { id: 'lossDate', kind: 'date', range: 'past' } as const;
const tap = (keys: string) => {
  for (const k of keys) fireEvent.click(screen.getByTestId(`key-${k}`));
};
const input = (part: string) => screen.getByTestId<HTMLInputElement>(`date-${part}`);

describe('date question', () => {
  it('fills year, month and day from one keypad, moving on when a box is full, and sends YYYY-MM-DD', () => {
    const props = screenProps(questionScreen(lossDate));
    renderWithI18n(<Question {...props} />);
    tap('2024');
    tap('05');
    tap('03');
    expect([input('year').value, input('month').value, input('day').value]).toEqual(['2024', '05', '03']);
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'ANSWER', questionId: 'lossDate', value: { text: '2024-05-03' } });
  });

  it('types into the box the resident touched, and names it on the keypad', () => {
    const props = screenProps(questionScreen(lossDate, { answer: { text: '2024-05-03' } }));
    renderWithI18n(<Question {...props} />, 'en');
    fireEvent.focus(input('day'));
    expect(screen.getByRole('group', { name: 'Number keypad, typing the Day' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('key-delete'));
    fireEvent.click(screen.getByTestId('key-delete'));
    tap('9');
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'ANSWER', questionId: 'lossDate', value: { text: '2024-05-9' } });
  });

  it('sends nothing typed as empty, so the host can say it is required; the error links to the year box', () => {
    const props = screenProps(questionScreen(lossDate, { error: 'required' }));
    renderWithI18n(<Question {...props} />, 'en');
    const link = screen.getByTestId('error-summary').querySelector('a');
    expect(link?.textContent).toBe('Enter the year, month and day to continue');
    expect(link?.getAttribute('href')).toBe(`#${input('year').id}`);
    // The three boxes are one group, named by the question, with the hint and the error.
    const group = screen.getByRole('group', { name: 'When did you last have it?' });
    expect(group.getAttribute('aria-describedby')).toBe('field-lossDate-hint field-lossDate-error');
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'ANSWER', questionId: 'lossDate', value: {} });
  });

  it('says a future date is not allowed for a past one', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(lossDate, { answer: { text: '2999-01-01' }, error: 'datePast' }))} />);
    expect(screen.getByTestId('error-summary').textContent).toContain('日期不能晚于今天');
    expect(input('year').getAttribute('aria-invalid')).toBe('true');
  });
});
