// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Question } from '../../../../renderer/src/screens/Question';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';
import { questionScreen } from './question-screen';

afterEach(cleanup);

const plate = { id: 'plate', kind: 'plate' } as const;
const tap = (keys: string) => {
  for (const k of keys) fireEvent.click(screen.getByTestId(`key-${k}`));
};

describe('plate question', () => {
  it('starts with the province grid, then letters and digits, and sends what was typed', () => {
    const props = screenProps(questionScreen(plate));
    renderWithI18n(<Question {...props} />);
    expect(screen.queryByTestId('plate-keys')).toBeNull();
    fireEvent.click(screen.getByTestId('province-京'));
    expect(screen.queryByTestId('plate-provinces')).toBeNull();
    tap('A12345');
    expect(screen.getByTestId<HTMLInputElement>('plate-input').value).toBe('京A12345');
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'ANSWER', questionId: 'plate', value: { text: '京A12345' } });
  });

  it('has no I or O keys, which plates never use, and a key for each special plate character', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(plate, { answer: { text: '粤B' } }))} />);
    expect(screen.queryByTestId('key-I')).toBeNull();
    expect(screen.queryByTestId('key-O')).toBeNull();
    for (const ch of ['挂', '学', '警', '港', '澳', '领', '使']) expect(screen.getByTestId(`key-${ch}`)).toBeTruthy();
  });

  it('choosing the province again replaces the first character and keeps the rest', () => {
    const props = screenProps(questionScreen(plate, { answer: { text: '沪A1234' } }));
    renderWithI18n(<Question {...props} />);
    fireEvent.click(screen.getByTestId('plate-province'));
    fireEvent.click(screen.getByTestId('province-苏'));
    tap('5');
    fireEvent.click(screen.getByTestId('key-delete'));
    fireEvent.click(screen.getByTestId('key-delete'));
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'ANSWER', questionId: 'plate', value: { text: '苏A123' } });
  });

  it('names each province key in the resident language, and shows the host error', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(plate, { error: 'plateFormat' }), { lang: 'en' })} />, 'en');
    expect(screen.getByRole('button', { name: '粤 Guangdong' })).toBeTruthy();
    expect(screen.getByTestId('error-summary').textContent).toContain('like 京A12345');
    expect(screen.getByTestId('plate-input').getAttribute('aria-invalid')).toBe('true');
  });
});
