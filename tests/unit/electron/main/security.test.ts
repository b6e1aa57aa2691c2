import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventEmitter } from 'node:events';
import type { Mock } from 'vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, setupSecurity } from '../../../../electron/main/security';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean; mediaTypes?: string[] },
) => void;
type CheckHandler = (
  contents: { getURL(): string } | null,
  permission: string,
  origin: string,
  details: { requestingUrl?: string; isMainFrame: boolean; mediaType?: string },
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
) => void;
interface FakeContents extends EventEmitter {
  windowOpenHandler?: () => unknown;
  setWindowOpenHandler(handler: () => unknown): void;
}

const fake = vi.hoisted(() => ({
  app: null as EventEmitter | null,
  requestHandler: null as RequestHandler | null,
  checkHandler: null as CheckHandler | null,
  headersListener: null as HeadersListener | null,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  fake.app = new EventEmitter();
  return {
    app: fake.app,
    session: {
      defaultSession: {
        // lockdown.ts's session handlers; lockdown.test.ts drives them.
        on: () => undefined,
        setDevicePermissionHandler: () => undefined,
        setPermissionRequestHandler: (handler: RequestHandler) => {
          fake.requestHandler = handler;
        },
        setPermissionCheckHandler: (handler: CheckHandler) => {
          fake.checkHandler = handler;
        },
        webRequest: {
          onHeadersReceived: (listener: HeadersListener) => {
            fake.headersListener = listener;
          },
        },
      },
    },
  };
});

const PAGE = pathToFileURL('/opt/police-kiosk/out/renderer/index.html').href;

async function makeContents(): Promise<FakeContents> {
  const { EventEmitter } = await import('node:events');
  const contents = new EventEmitter() as FakeContents;
  contents.setWindowOpenHandler = (handler) => {
    contents.windowOpenHandler = handler;
  };
  // lockdown.ts's zoom limits; lockdown.test.ts checks them.
  Object.assign(contents, { setVisualZoomLevelLimits: () => Promise.resolve() });
  fake.app?.emit('web-contents-created', {}, contents);
  return contents;
}

function navigationEvent(url: string): { url: string; preventDefault: Mock<() => void> } {
  return { url, preventDefault: vi.fn() };
}

function request(permission: string, requestingUrl: string, mediaTypes?: string[]): boolean {
  const handler = fake.requestHandler;
  if (!handler) throw new Error('no permission request handler');
  let granted: boolean | undefined;
  handler({}, permission, (g) => (granted = g), { requestingUrl, isMainFrame: true, mediaTypes });
  if (granted === undefined) throw new Error('the handler did not answer');
  return granted;
}

function check(permission: string, requestingUrl: string | undefined, mediaType?: string, contentsUrl = ''): boolean {
  const handler = fake.checkHandler;
  if (!handler) throw new Error('no permission check handler');
  return handler({ getURL: () => contentsUrl }, permission, 'file:///', { requestingUrl, isMainFrame: true, mediaType });
}

beforeEach(() => {
  fake.app?.removeAllListeners();
  setupSecurity(PAGE);
});

describe('navigation lockdown', () => {
  it.each(['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', `${PAGE}?next=x`, 'about:blank'])(
    'prevents navigating or redirecting to %s',
    async (url) => {
      const contents = await makeContents();
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = navigationEvent(url);
        contents.emit(name, event, url);
        expect(event.preventDefault, name).toHaveBeenCalled();
      }
    },
  );

  it('lets the kiosk page load itself', async () => {
    const contents = await makeContents();
    for (const url of [PAGE, `${PAGE}#main`]) {
      const event = navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('denies every new window', async () => {
    const contents = await makeContents();
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', async () => {
    const contents = await makeContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permission requests', () => {
  it('grants the camera to the kiosk page', () => {
    expect(request('media', PAGE, ['video'])).toBe(true);
  });

  it('refuses the microphone, also together with the camera', () => {
    expect(request('media', PAGE, ['audio'])).toBe(false);
    expect(request('media', PAGE, ['video', 'audio'])).toBe(false);
    expect(request('media', PAGE, [])).toBe(false);
    expect(request('media', PAGE)).toBe(false);
  });

  it('refuses the camera to any other page', () => {
    expect(request('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(request('media', 'file:///tmp/index.html', ['video'])).toBe(false);
    expect(request('media', 'not a url', ['video'])).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'openExternal', 'clipboard-read', 'display-capture', 'fullscreen', 'usb', 'serial', 'hid', 'midi'])(
    'refuses %s, even to the kiosk page',
    (permission) => {
      expect(request(permission, PAGE, ['video'])).toBe(false);
    },
  );
});

describe('permission checks', () => {
  it('allows the camera for the kiosk page only', () => {
    expect(check('media', PAGE, 'video')).toBe(true);
    expect(check('media', PAGE, 'audio')).toBe(false);
    expect(check('media', PAGE, 'unknown')).toBe(false);
    expect(check('media', 'https://evil.example/', 'video')).toBe(false);
  });

  it('falls back to the web contents URL when the check has no frame URL', () => {
    expect(check('media', undefined, 'video', PAGE)).toBe(true);
    expect(check('media', undefined, 'video', 'https://evil.example/')).toBe(false);
    const handler = fake.checkHandler;
    expect(handler?.(null, 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'openExternal', 'clipboard-read', 'background-sync'])('denies %s', (permission) => {
    expect(check(permission, PAGE, 'video')).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is added to every response, keeping the other headers', () => {
    const listener = fake.headersListener;
    if (!listener) throw new Error('no onHeadersReceived listener');
    const callback = vi.fn();
    listener({ url: PAGE, responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('is strict', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|\s)\*|https?:/);
  });

  it('matches the meta tag of the kiosk page, but for what a meta tag cannot carry', () => {
    // Browsers ignore these in a <meta> policy (and warn about it), so only the header has them.
    const headerOnly = ['frame-ancestors', 'report-uri', 'sandbox'];
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((directive) => !headerOnly.includes(directive.split(' ')[0] ?? ''))
      .join('; ');
    const html = fs.readFileSync(path.resolve(__dirname, '../../../../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(expected);
  });
});
