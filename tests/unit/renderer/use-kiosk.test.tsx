// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../../shared/contract';
import { useKiosk } from '../../../renderer/src/use-kiosk';
import { allOnline } from './screen-props';

afterEach(cleanup);

const VIEW = { seq: 1, sessionId: 's1', lang: 'zh-CN', serviceId: null, progress: null, idle: { warning: false, resetAt: null }, submitted: false, screen: { name: 'welcome' } };
const SETTINGS = { disabledServices: [], serviceHours: {}, languages: ['zh-CN'], stationName: '', stationPhone: '' };
const REPLIES: Record<string, unknown> = {
  'app:info': { hardware: 'sim', availability: { state: 'ready' } },
  'flow:get': VIEW,
  'device:status': allOnline,
  'settings:get': SETTINGS,
  'camera:report': allOnline,
};

/** A fake host that counts the commands the page sends; `streamed` makes it a browser-mode client. */
function fakeClient(streamed: boolean) {
  const calls: string[] = [];
  let onConnection: (c: boolean) => void = () => undefined;
  const client = {
    ...(streamed ? { catchesUpOnOpen: true as const } : {}),
    invoke: vi.fn((command: string) => {
      calls.push(command);
      return Promise.resolve({ ok: true, value: REPLIES[command] });
    }),
    on: () => () => undefined,
  } as unknown as KioskApi;
  const make = (opts: { onConnection: (c: boolean) => void }) => {
    onConnection = opts.onConnection;
    return client;
  };
  return { calls, make, open: () => onConnection(true), drop: () => onConnection(false) };
}

function Probe({ make }: { make: Parameters<typeof useKiosk>[0] }) {
  const { view, devices } = useKiosk(make);
  return <p data-testid="probe">{`${view?.screen.name ?? 'none'} ${devices ? 'devices' : 'no devices'}`}</p>;
}

const count = (calls: string[], name: string) => calls.filter((c) => c === name).length;
// Camera probing in this DOM finds no camera; the report is still sent once.
const flush = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

describe('useKiosk, what it asks the host at the start', () => {
  it('a browser-mode client: nothing is fetched until the stream opens, then each thing once, and again on each reopen', async () => {
    const host = fakeClient(true);
    const { getByTestId } = render(<Probe make={host.make} />);
    await flush();
    expect(count(host.calls, 'flow:get')).toBe(0);
    expect(getByTestId('probe').textContent).toBe('none no devices');
    await act(async () => host.open());
    await flush();
    for (const name of ['app:info', 'flow:get', 'device:status', 'settings:get', 'camera:report']) expect(count(host.calls, name), name).toBe(1);
    expect(getByTestId('probe').textContent).toBe('welcome devices');
    // The stream drops and opens again: what was pushed meanwhile is fetched, once; the camera is not reported again.
    await act(async () => host.drop());
    await act(async () => host.open());
    await flush();
    expect(count(host.calls, 'flow:get')).toBe(2);
    expect(count(host.calls, 'device:status')).toBe(2);
    expect(count(host.calls, 'camera:report')).toBe(1);
  });

  it('an Electron client (no stream to miss): fetches once at the start', async () => {
    const host = fakeClient(false);
    const { getByTestId } = render(<Probe make={host.make} />);
    await flush();
    await flush();
    for (const name of ['app:info', 'flow:get', 'device:status', 'settings:get', 'camera:report']) expect(count(host.calls, name), name).toBe(1);
    expect(getByTestId('probe').textContent).toBe('welcome devices');
  });
});
