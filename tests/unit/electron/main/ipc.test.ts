import { pathToFileURL } from 'node:url';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { Mock } from 'vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isTrustedSender, setupIpc } from '../../../../electron/main/ipc';
import type { Host, HostEventListener } from '../../../../electron/host/host-types';
import { COMMAND_NAMES, ipcChannel } from '../../../../shared/contract';
import type { CommandName, EventName, Result } from '../../../../shared/contract';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      fake.handlers.delete(channel);
    }),
  },
}));

const PAGE = pathToFileURL('/opt/police-kiosk/out/renderer/index.html').href;
const BOUND: readonly CommandName[] = ['app:info', 'flow:get', 'flow:send', 'device:status'];

interface FakeWebContents {
  url: string;
  destroyed: boolean;
  send: Mock<(channel: string, ...args: unknown[]) => void>;
  getURL(): string;
  isDestroyed(): boolean;
}
interface FakeWindow {
  destroyed: boolean;
  webContents: FakeWebContents;
  isDestroyed(): boolean;
}
interface FakeHost extends Host {
  handle: Mock<Host['handle']>;
  emit(event: EventName, payload: unknown): void;
  listeners: Set<HostEventListener>;
}

function makeWebContents(url = PAGE): FakeWebContents {
  return {
    url,
    destroyed: false,
    send: vi.fn(),
    getURL() {
      return this.url;
    },
    isDestroyed() {
      return this.destroyed;
    },
  };
}

function makeWindow(): FakeWindow {
  return {
    destroyed: false,
    webContents: makeWebContents(),
    isDestroyed() {
      return this.destroyed;
    },
  };
}

function makeHost(commandNames: readonly CommandName[] = BOUND): FakeHost {
  const listeners = new Set<HostEventListener>();
  return {
    commandNames,
    listeners,
    handle: vi.fn<Host['handle']>(async (command) => ({ ok: true, value: { echo: command } })),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
  };
}

interface SenderOptions {
  sender?: FakeWebContents;
  url?: string;
  parent?: object | null;
  noFrame?: boolean;
}

function invokeEvent(window: FakeWindow, options: SenderOptions = {}): IpcMainInvokeEvent {
  const frame = options.noFrame ? null : { parent: options.parent ?? null, url: options.url ?? PAGE };
  return { sender: options.sender ?? window.webContents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function asWindow(window: FakeWindow | null): BrowserWindow | null {
  return window as unknown as BrowserWindow | null;
}

async function call(name: CommandName, event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> {
  const handler = fake.handlers.get(ipcChannel.command(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return (await handler(event, request)) as Result<unknown>;
}

let window: FakeWindow;
let host: FakeHost;

beforeEach(() => {
  fake.handlers.clear();
  window = makeWindow();
  host = makeHost();
  setupIpc(host, () => asWindow(window), PAGE);
});

describe('setupIpc: handlers', () => {
  it('binds exactly the commands the host offers', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(BOUND.map((name) => ipcChannel.command(name)).sort());
    const unbound = COMMAND_NAMES.filter((name) => !BOUND.includes(name));
    expect(unbound.length).toBeGreaterThan(0);
    for (const name of unbound) expect(fake.handlers.has(ipcChannel.command(name))).toBe(false);
  });

  it('passes a trusted call through to the host and returns its result untouched', async () => {
    const request: unknown = { type: 'START', service: 'x', extra: [1, 2] };
    const result = await call('flow:send', invokeEvent(window), request);
    expect(host.handle).toHaveBeenCalledTimes(1);
    expect(host.handle.mock.calls[0]?.[0]).toBe('flow:send');
    expect(host.handle.mock.calls[0]?.[1]).toBe(request);
    expect(result).toEqual({ ok: true, value: { echo: 'flow:send' } });
  });

  it('passes the host error results through too', async () => {
    host.handle.mockResolvedValueOnce({ ok: false, error: { code: 'invalidRequest', message: 'bad' } });
    expect(await call('flow:send', invokeEvent(window), 42)).toEqual({
      ok: false,
      error: { code: 'invalidRequest', message: 'bad' },
    });
  });

  const untrusted: Array<[string, () => IpcMainInvokeEvent]> = [
    ['another web contents', () => invokeEvent(window, { sender: makeWebContents() })],
    ['a sub-frame', () => invokeEvent(window, { parent: { url: PAGE } })],
    ['another URL', () => invokeEvent(window, { url: 'https://evil.example/' })],
    ['another local file', () => invokeEvent(window, { url: 'file:///tmp/index.html' })],
    ['the page with a query', () => invokeEvent(window, { url: `${PAGE}?x=1` })],
    ['a frame that is gone', () => invokeEvent(window, { noFrame: true })],
  ];
  it.each(untrusted)('forbids a call from %s without asking the host', async (_label, makeEvent) => {
    const result = await call('app:info', makeEvent(), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(host.handle).not.toHaveBeenCalled();
  });

  it('forbids calls while there is no live kiosk window', async () => {
    const event = invokeEvent(window);
    window.destroyed = true;
    expect(await call('app:info', event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    fake.handlers.clear();
    setupIpc(host, () => null, PAGE);
    expect(await call('app:info', event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(host.handle).not.toHaveBeenCalled();
  });

  it('answers with an internal error if the host breaks its promise never to reject', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    host.handle.mockRejectedValueOnce(new Error('boom'));
    expect(await call('app:info', invokeEvent(window), {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('unbinds everything when disposed', () => {
    fake.handlers.clear();
    host = makeHost();
    const dispose = setupIpc(host, () => asWindow(window), PAGE);
    expect(fake.handlers.size).toBe(BOUND.length);
    expect(host.listeners.size).toBe(1);
    dispose();
    expect(fake.handlers.size).toBe(0);
    expect(host.listeners.size).toBe(0);
  });
});

describe('setupIpc: events', () => {
  it('forwards host events to the kiosk page', () => {
    const payload = { state: 'start' };
    host.emit('flow:snapshot', payload);
    expect(window.webContents.send).toHaveBeenCalledWith(ipcChannel.event, 'flow:snapshot', payload);
  });

  it('does not send to a destroyed window or web contents', () => {
    window.destroyed = true;
    host.emit('flow:snapshot', {});
    window.destroyed = false;
    window.webContents.destroyed = true;
    host.emit('device:status', {});
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('does not send before the window exists', () => {
    fake.handlers.clear();
    const lonely = makeHost();
    setupIpc(lonely, () => null, PAGE);
    expect(() => lonely.emit('flow:snapshot', {})).not.toThrow();
  });

  it('does not send personal data to a page that is not the kiosk page', () => {
    window.webContents.url = 'https://evil.example/';
    host.emit('flow:snapshot', { name: 'someone' });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('isTrustedSender', () => {
  it('trusts the top frame of the kiosk window on the kiosk page', () => {
    expect(isTrustedSender(invokeEvent(window), asWindow(window), PAGE)).toBe(true);
    expect(isTrustedSender(invokeEvent(window, { url: `${PAGE}#top` }), asWindow(window), PAGE)).toBe(true);
  });

  it('trusts nothing else', () => {
    expect(isTrustedSender(invokeEvent(window), null, PAGE)).toBe(false);
    expect(isTrustedSender(invokeEvent(window, { sender: makeWebContents() }), asWindow(window), PAGE)).toBe(false);
    expect(isTrustedSender(invokeEvent(window, { parent: {} }), asWindow(window), PAGE)).toBe(false);
    expect(isTrustedSender(invokeEvent(window, { noFrame: true }), asWindow(window), PAGE)).toBe(false);
    expect(isTrustedSender(invokeEvent(window, { url: 'devtools://devtools/' }), asWindow(window), PAGE)).toBe(false);
    expect(isTrustedSender(invokeEvent(window, { url: '' }), asWindow(window), PAGE)).toBe(false);
  });
});
