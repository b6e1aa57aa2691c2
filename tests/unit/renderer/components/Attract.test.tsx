// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicSettings } from '../../../../shared/contract';
import { Attract, ATTRACT_AFTER_MS, ATTRACT_SLIDE_MS, useAttract } from '../../../../renderer/src/components/Attract';
import { renderWithI18n } from '../render';
import { allOnline } from '../screen-props';

const SETTINGS: PublicSettings = { disabledServices: ['trafficFines'], serviceHours: {}, languages: ['zh-CN', 'en', 'ru'], stationName: '', stationPhone: '', notices: [], defaultLang: 'zh-CN' };

function Probe({ eligible }: { eligible: boolean }) {
  const { attract, stop } = useAttract(eligible);
  return (
    <button type="button" data-testid="probe" data-attract={String(attract)} onClick={stop}>
      probe
    </button>
  );
}
const shown = () => screen.getByTestId('probe').getAttribute('data-attract');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useAttract', () => {
  it('starts after the quiet period, not before, and a touch or a key starts the wait again', () => {
    render(<Probe eligible />);
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS - 1));
    expect(shown()).toBe('false');
    fireEvent.pointerDown(window);
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS - 1));
    expect(shown()).toBe('false');
    fireEvent.keyDown(window, { key: '5' });
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS - 1));
    expect(shown()).toBe('false');
    act(() => void vi.advanceTimersByTime(1));
    expect(shown()).toBe('true');
  });

  it('is held off by an open dialog (a call for help), and ends when the screen stops being eligible', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    document.body.append(dialog);
    const { rerender } = render(<Probe eligible />);
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS * 3));
    expect(shown()).toBe('false');
    dialog.remove();
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS));
    expect(shown()).toBe('true');
    rerender(<Probe eligible={false} />);
    expect(shown()).toBe('false');
    // Not eligible: no loop however long nobody comes.
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS * 3));
    expect(shown()).toBe('false');
  });

  it('after stop, waits a whole quiet period again', () => {
    render(<Probe eligible />);
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS));
    expect(shown()).toBe('true');
    fireEvent.click(screen.getByTestId('probe'));
    expect(shown()).toBe('false');
    act(() => void vi.advanceTimersByTime(ATTRACT_AFTER_MS - 1));
    expect(shown()).toBe('false');
    act(() => void vi.advanceTimersByTime(1));
    expect(shown()).toBe('true');
  });
});

describe('Attract', () => {
  const slides = async (count: number) => {
    const seen: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const main = screen.getByTestId('attract');
      seen.push(`${main.getAttribute('lang')}/${main.getAttribute('data-slide-family')}: ${screen.getByTestId('attract-start').textContent}`);
      await act(async () => void vi.advanceTimersByTime(ATTRACT_SLIDE_MS));
    }
    return seen;
  };

  it('loops through every offered family in every offered language, the kiosk language first, showing only services offered now', async () => {
    renderWithI18n(<Attract devices={allOnline} settings={SETTINGS} onStart={() => undefined} />);
    // The other languages' texts are fetched first.
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    const seen = await slides(10);
    expect(seen.slice(0, 9).map((s) => s.split(':')[0])).toEqual([
      'zh-CN/household', 'zh-CN/entryExit', 'zh-CN/vehicles',
      'en/household', 'en/entryExit', 'en/vehicles',
      'ru/household', 'ru/entryExit', 'ru/vehicles',
    ]);
    // Round again.
    expect(seen[9]).toBe(seen[0]);
    const en = seen.filter((s) => s.startsWith('en/')).join('\n');
    expect(en).toContain('Touch the screen to start');
    expect(en).toContain('Vehicles and drivers');
    expect(seen.filter((s) => s.startsWith('ru/')).join('\n')).toContain('Коснитесь экрана');
    // Switched off at this kiosk: never advertised.
    expect(seen.join('\n')).not.toMatch(/Traffic fines|交通违法/);
    // Not offered here: no slide in Korean.
    expect(seen.some((s) => s.startsWith('ko/'))).toBe(false);
  });

  it('with the slip printer down, offers only what needs no slip (the progress lookup); one touch or any key starts', async () => {
    const onStart = vi.fn();
    const devices = { ...allOnline, receiptPrinter: { device: 'offline' as const } };
    renderWithI18n(<Attract devices={devices} settings={{ ...SETTINGS, languages: ['zh-CN'] }} onStart={onStart} />);
    // One slide, shown again and again: the one family with a service left, that service alone.
    expect(await slides(2)).toEqual(['zh-CN/entryExit: 出入境业务出入境办理进度和签注余量查询请触摸屏幕开始', 'zh-CN/entryExit: 出入境业务出入境办理进度和签注余量查询请触摸屏幕开始']);
    fireEvent.click(screen.getByTestId('attract-start'));
    expect(onStart).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: 'ArrowDown' });
    expect(onStart).toHaveBeenCalledTimes(2);
  });
});
