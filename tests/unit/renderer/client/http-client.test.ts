// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../../../renderer/src/client/http-client';

/** Stands in for the browser's EventSource: the test decides how each connection ends. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }

  addEventListener(): void {}

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }

  /** What the browser does on an answer that is not a stream (429, 401): it gives up. */
  refuse(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }

  /** What the browser does on a dropped connection: it reconnects by itself. */
  drop(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.();
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.made = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('http client: the event stream', () => {
  it('opens a new stream itself after one was refused (too many open), and not after a drop', async () => {
    const connection: boolean[] = [];
    const client = createHttpClient({ onConnection: (c) => connection.push(c) });
    client.on('flow:snapshot', () => {});
    expect(FakeEventSource.made).toHaveLength(1);

    FakeEventSource.made[0]!.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    // EventSource reconnects after a drop on its own; a second one would hold a second slot.
    expect(FakeEventSource.made).toHaveLength(1);

    FakeEventSource.made[0]!.refuse();
    expect(connection).toEqual([false, false]);
    expect(FakeEventSource.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(FakeEventSource.made).toHaveLength(2);
    expect(FakeEventSource.made[0]!.closed).toBe(true);
    expect(FakeEventSource.made[1]!.url).toBe('/api/events');
  });
});
