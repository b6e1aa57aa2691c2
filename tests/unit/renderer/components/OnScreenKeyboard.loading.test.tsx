// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnScreenKeyboard } from '../../../../renderer/src/components/OnScreenKeyboard';
import { renderWithI18n } from '../render';

// The dictionary chunk never arrives, or fails: the keyboard must type letters all the same.
const pending = (): Promise<never> => new Promise<never>(() => undefined);
const load = vi.hoisted(() => ({ result: null as (() => Promise<never>) | null }));
vi.mock(import('../../../../renderer/src/pinyin'), async (original) => ({
  ...(await original()),
  loadedPinyinEngine: () => undefined,
  loadPinyinEngine: () => (load.result ?? pending)(),
}));

afterEach(() => {
  cleanup();
  load.result = null;
});

function Field() {
  const [value, setValue] = useState('');
  return (
    <>
      <output data-testid="value">{value}</output>
      <OnScreenKeyboard value={value} lang="zh-CN" onChange={setValue} />
    </>
  );
}

function tap(keys: string) {
  for (const key of keys) {
    const button = document.querySelector(`.hg-button[data-skbtn="${key}"]`);
    if (!button) throw new Error(`There is no key ${key}.`);
    fireEvent.pointerDown(button);
    fireEvent.pointerUp(button);
  }
}

describe('OnScreenKeyboard before its dictionary has loaded', () => {
  it('types the letters and says the words are on their way', () => {
    renderWithI18n(<Field />);
    tap('zhangsan');
    expect(screen.getByTestId('value').textContent).toBe('zhangsan');
    const bar = screen.getByRole('group', { name: '候选字词' });
    expect(within(bar).getByText('正在准备字词…')).toBeTruthy();
    expect(within(bar).queryAllByRole('button')).toEqual([]);
  });

  it('says so when the dictionary cannot be loaded, logging no typed text', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    load.result = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    renderWithI18n(<Field />);
    tap('zhangsan');
    const bar = screen.getByRole('group', { name: '候选字词' });
    expect(await within(bar).findByText('暂时无法显示字词，可以继续输入字母。')).toBeTruthy();
    expect(screen.getByTestId('value').textContent).toBe('zhangsan');
    expect(error).toHaveBeenCalledWith('The pinyin dictionary could not be loaded', 'zh-CN', 'TypeError');
    error.mockRestore();
  });
});
