import type { EventEmitter } from 'node:events';
import type { Mock } from 'vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
// Runs the preload against the fake electron below (vi.mock is hoisted above imports).
import '../../../../electron/preload/index';
import { ipcChannel } from '../../../../shared/contract';
import type { CommandName, EventName, KioskApi } from '../../../../shared/contract';

interface FakeIpcRenderer extends EventEmitter {
  invoke: Mock<(channel: string, ...args: unknown[]) => Promise<unknown>>;
}

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcRenderer: null as FakeIpcRenderer | null,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (): Promise<unknown> => ({ ok: true, value: 'from main' })),
  });
  fake.ipcRenderer = ipcRenderer;
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        fake.exposed.set(key, api);
      },
    },
    ipcRenderer,
  };
});

function ipc(): FakeIpcRenderer {
  if (!fake.ipcRenderer) throw new Error('electron was not mocked');
  return fake.ipcRenderer;
}

function kiosk(): KioskApi {
  const api = fake.exposed.get('kiosk');
  if (!api) throw new Error('window.kiosk was not exposed');
  return api as KioskApi;
}

/** What main's webContents.send would deliver: the IPC event object first. */
function push(event: string, payload: unknown): void {
  const ipcEvent = { sender: ipc(), senderId: 0, ports: [] };
  ipc().emit(ipcChannel.event, ipcEvent, event, payload);
}

beforeEach(() => {
  ipc().invoke.mockClear();
  ipc().removeAllListeners();
});

describe('preload', () => {
  it('exposes window.kiosk with invoke and on only', () => {
    expect([...fake.exposed.keys()]).toEqual(['kiosk']);
    const api = fake.exposed.get('kiosk') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('sends contract commands on their channel and returns main’s answer', async () => {
    const request = { type: 'NEXT' };
    await expect(kiosk().invoke('flow:send', request as never)).resolves.toEqual({ ok: true, value: 'from main' });
    expect(ipc().invoke).toHaveBeenCalledWith(ipcChannel.command('flow:send'), request);
  });

  it.each(['nope', 'kiosk:app:info', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses %s without any IPC',
    async (name) => {
      const result = await kiosk().invoke(name as CommandName, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
      expect(ipc().invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses a command name that is not a string', async () => {
    const result = await kiosk().invoke({ toString: () => 'app:info' } as unknown as CommandName, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
    expect(ipc().invoke).not.toHaveBeenCalled();
  });

  it('turns a command main did not bind into notAvailable instead of a rejection', async () => {
    ipc().invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'kiosk:sim:status': Error: No handler registered for 'kiosk:sim:status'"),
    );
    await expect(kiosk().invoke('sim:status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'notAvailable' },
    });
  });

  it('delivers only the named event, with the payload and nothing else', () => {
    const listener = vi.fn();
    kiosk().on('flow:snapshot', listener);
    const payload = { state: 'start' };
    push('device:status', { printer: 'ok' });
    expect(listener).not.toHaveBeenCalled();
    push('flow:snapshot', payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([payload]);
  });

  it('unsubscribes', () => {
    const listener = vi.fn();
    const off = kiosk().on('flow:snapshot', listener);
    expect(ipc().listenerCount(ipcChannel.event)).toBe(1);
    off();
    expect(ipc().listenerCount(ipcChannel.event)).toBe(0);
    push('flow:snapshot', {});
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering to the other listeners when one throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = vi.fn(() => {
      throw new Error('page bug');
    });
    const working = vi.fn();
    kiosk().on('flow:snapshot', broken);
    kiosk().on('flow:snapshot', working);
    push('flow:snapshot', {});
    expect(working).toHaveBeenCalledTimes(1);
  });

  it('refuses unknown events and listeners that are not functions', () => {
    expect(() => kiosk().on('nope' as EventName, () => undefined)).toThrow(TypeError);
    expect(() => kiosk().on('flow:snapshot', 'x' as unknown as () => void)).toThrow(TypeError);
    expect(ipc().listenerCount(ipcChannel.event)).toBe(0);
  });
});
