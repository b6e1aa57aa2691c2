// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Keypad } from '../../../../renderer/src/components/Keypad';
import { renderWithI18n } from '../render';

afterEach(cleanup);

describe('Keypad', () => {
  it('adds digits up to the maximum, deletes the last and clears, with spoken names for symbols', () => {
    const onChange = vi.fn();
    const { rerender } = renderWithI18n(<Keypad value="1390000000" max={11} onChange={onChange} />);
    fireEvent.click(screen.getByTestId('key-9'));
    expect(onChange).toHaveBeenLastCalledWith('13900000009');

    onChange.mockClear();
    rerender(<Keypad value="13900000009" max={11} onChange={onChange} />);
    fireEvent.click(screen.getByTestId('key-1'));
    expect(onChange).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '删除最后一位' }));
    expect(onChange).toHaveBeenLastCalledWith('1390000000');
    fireEvent.click(screen.getByTestId('key-clear'));
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(screen.getByRole('group', { name: '数字键盘' })).toBeTruthy();
  });
});
