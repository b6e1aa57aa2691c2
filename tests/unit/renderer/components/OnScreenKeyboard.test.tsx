// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../../../shared/contract';
import { OnScreenKeyboard } from '../../../../renderer/src/components/OnScreenKeyboard';
import { TextField } from '../../../../renderer/src/components/TextField';
import { loadPinyinEngine } from '../../../../renderer/src/pinyin';
import { renderWithI18n } from '../render';

afterEach(cleanup);
// Loaded before any keyboard is drawn, so the bar has its candidates at once (no waiting in tests).
beforeAll(async () => {
  await Promise.all([loadPinyinEngine('zh-CN'), loadPinyinEngine('zh-HK')]);
});

/** The keyboard under a parent that keeps the value, as TextField's parent does. */
function Field({ lang = 'zh-CN', upperCase }: { lang?: Lang; upperCase?: boolean }) {
  const [value, setValue] = useState('');
  return (
    <>
      <output data-testid="value">{value}</output>
      <OnScreenKeyboard value={value} lang={lang} upperCase={upperCase} onChange={setValue} />
    </>
  );
}

/** Taps on-screen keys as a finger does (simple-keyboard listens for pointer events). */
function tap(keys: string[] | string) {
  for (const key of keys) {
    const button = document.querySelector(`.hg-button[data-skbtn="${key}"]`);
    if (!button) throw new Error(`There is no key ${key}.`);
    fireEvent.pointerDown(button);
    fireEvent.pointerUp(button);
  }
}

const value = () => screen.getByTestId('value').textContent;
const bar = () => screen.getByRole('group', { name: '候选字词' });
const candidateWords = () => within(bar()).queryAllByRole('button').filter((b) => b.dataset.testid !== 'candidates-more').map((b) => b.textContent);

describe('OnScreenKeyboard, pinyin candidates', () => {
  it('types zhangsan and turns it into 张三 with one tap', () => {
    renderWithI18n(<Field />);
    expect(within(bar()).getByText('输入拼音，再点选要的字词')).toBeTruthy();
    tap('zhangsan');
    expect(value()).toBe('zhangsan');
    expect(candidateWords().slice(0, 3)).toContain('张三');
    fireEvent.click(within(bar()).getByRole('button', { name: '张三' }));
    expect(value()).toBe('张三');
    expect(candidateWords()).toEqual([]);
    // The next letters start a new word after it.
    tap('beijing');
    fireEvent.click(within(bar()).getByRole('button', { name: '北京' }));
    expect(value()).toBe('张三北京');
  });

  it('picks a name character by character, the rest of the pinyin staying composed', () => {
    renderWithI18n(<Field />);
    tap('zhangsan');
    fireEvent.click(within(bar()).getByRole('button', { name: '张' }));
    expect(value()).toBe('张san');
    expect(candidateWords()).toContain('三');
    fireEvent.click(within(bar()).getByRole('button', { name: '三' }));
    expect(value()).toBe('张三');
  });

  it('offers Hong Kong Traditional words in zh-HK', () => {
    renderWithI18n(<Field lang="zh-HK" />, 'zh-HK');
    tap('shenfenzheng');
    const hkBar = screen.getByRole('group', { name: '候選字詞' });
    const button = within(hkBar).getByRole('button', { name: '身份證' });
    expect(button.getAttribute('lang')).toBe('zh-HK');
    fireEvent.click(button);
    expect(value()).toBe('身份證');
  });

  it('ends the pinyin at a space, and follows the delete key', () => {
    renderWithI18n(<Field />);
    tap(['b', 'e', 'i', '{space}']);
    expect(value()).toBe('bei ');
    expect(candidateWords()).toEqual([]);
    tap(['b', 'j', 'x', '{bksp}']);
    expect(value()).toBe('bei bj');
    expect(candidateWords()).toContain('北京');
    fireEvent.click(within(bar()).getByRole('button', { name: '北京' }));
    expect(value()).toBe('bei 北京');
  });

  it('follows letters typed into the field itself', async () => {
    function Form() {
      const [text, setText] = useState('');
      return <TextField id="purpose" label="用途" value={text} lang="zh-CN" onChange={setText} />;
    }
    renderWithI18n(<Form />);
    const input = screen.getByLabelText('用途');
    // The field's keyboard is its own chunk: here once it has arrived.
    await screen.findByTestId('keyboard');
    fireEvent.change(input, { target: { value: 'b' } });
    fireEvent.change(input, { target: { value: 'bj' } });
    expect(candidateWords()).toContain('北京');
    fireEvent.click(within(bar()).getByRole('button', { name: '北京' }));
    expect((input as HTMLInputElement).value).toBe('北京');
    // A value put in whole (a paste) is not pinyin being typed.
    fireEvent.change(input, { target: { value: '北京 beijing' } });
    expect(candidateWords()).toEqual([]);
  });

  it('pages through many candidates with "more" instead of scrolling', () => {
    renderWithI18n(<Field />);
    tap('shi');
    const first = candidateWords();
    expect(first).toHaveLength(6);
    const more = within(bar()).getByRole('button', { name: '更多' });
    fireEvent.click(more);
    const second = candidateWords();
    expect(second).toHaveLength(6);
    expect(second.some((w) => first.includes(w))).toBe(false);
    // After the last page the same button goes back to the first.
    for (let i = 0; i < 20 && more.textContent === '更多'; i += 1) fireEvent.click(more);
    expect(more.textContent).toBe('回到开头');
    fireEvent.click(more);
    expect(candidateWords()).toEqual(first);
  });

  it('moves along the candidates with the arrow keys, and keeps the focus in the bar after a choice', () => {
    renderWithI18n(<Field />);
    tap('zhangsan');
    const buttons = within(bar()).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(2);
    buttons[0]?.focus();
    fireEvent.keyDown(buttons[0] as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(buttons.at(-1));
    // Past the end the bar lets go (no wrap-around): the keypad moves the focus on from there.
    expect(fireEvent.keyDown(buttons.at(-1) as HTMLElement, { key: 'ArrowRight' })).toBe(true);
    expect(document.activeElement).toBe(buttons.at(-1));
    expect(fireEvent.keyDown(buttons.at(-1) as HTMLElement, { key: 'ArrowDown' })).toBe(true);
    // Enter on a candidate is a click with no pointer (detail 0): the word goes in, the focus stays.
    fireEvent.click(within(bar()).getByRole('button', { name: '张' }));
    expect(value()).toBe('张san');
    expect(bar().contains(document.activeElement)).toBe(true);
  });

  it('has no candidate bar for capitals-only reference numbers or other languages', () => {
    renderWithI18n(<Field upperCase />);
    tap('ABC');
    expect(value()).toBe('ABC');
    expect(screen.queryByTestId('candidates')).toBeNull();
    cleanup();
    renderWithI18n(<Field lang="en" />);
    tap('zhang');
    expect(value()).toBe('zhang');
    expect(screen.queryByTestId('candidates')).toBeNull();
  });
});
