import { describe, expect, it } from 'vitest';
import { LineUidReader } from '../../../../../electron/host/hardware/staff-card-reader.line';
import { SimStaffCardReader } from '../../../../../electron/host/hardware/staff-card-reader.sim';
import type { ByteTransport } from '../../../../../electron/host/hardware/transport/byte-transport';
import { canonicalUid } from '../../../../../shared/hardware/staff-card-reader';
import type { DeviceStatus } from '../../../../../shared/hardware/types';

/** A contactless reader on the other end of a fake serial line. */
class FakeLine implements ByteTransport {
  readonly name = 'fake:uid';
  closed = false;
  private readonly data = new Set<(chunk: Uint8Array) => void>();
  private readonly closing = new Set<(error?: Error) => void>();

  send(text: string | number[]): void {
    const bytes = typeof text === 'string' ? Uint8Array.from(text, (c) => c.charCodeAt(0)) : Uint8Array.from(text);
    for (const l of [...this.data]) l(bytes);
  }
  drop(): void {
    for (const l of [...this.closing]) l(new Error('unplugged'));
  }
  async write(): Promise<void> {}
  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.data.add(listener);
    return () => this.data.delete(listener);
  }
  onClose(listener: (error?: Error) => void): () => void {
    this.closing.add(listener);
    return () => this.closing.delete(listener);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function setUp() {
  const line = new FakeLine();
  let clock = 1_000_000;
  const reader = new LineUidReader(line, { now: () => clock });
  const cards: string[] = [];
  const statuses: DeviceStatus[] = [];
  reader.onCard((uid) => cards.push(uid));
  reader.onStatus((s) => statuses.push(s));
  return { line, reader, cards, statuses, tick: (ms: number) => (clock += ms) };
}

describe('canonical card UIDs', () => {
  it('takes 4, 7 and 10 byte UIDs in hex with or without separators, and 10-digit decimal', () => {
    expect(canonicalUid('04a224b2')).toBe('04A224B2');
    expect(canonicalUid('04:A2:24:B2:C1:F3:80')).toBe('04A224B2C1F380');
    expect(canonicalUid(' 04-A2-24-B2-C1-F3-80-11-22-33 ')).toBe('04A224B2C1F380112233');
    expect(canonicalUid('0012345678')).toBe('00BC614E');
    expect(canonicalUid('4294967295')).toBe('FFFFFFFF');
  });

  it('refuses what is not a UID', () => {
    for (const text of ['', '04A1B2C3D4', '04A224B2C1F3', 'READY', '4294967296', '04A224B2G1F380', '0x04A224B2']) expect(canonicalUid(text), text).toBeNull();
  });
});

describe('the staff card reader on a serial line', () => {
  it('reports each card once per touch, whatever the line ending and however the bytes arrive', () => {
    const { line, cards, tick } = setUp();
    line.send('04A224B2C1F380\r\n');
    line.send('04A2');
    line.send('24B2C1F380\r');
    line.send('\n');
    expect(cards).toEqual(['04A224B2C1F380']);
    tick(2500);
    line.send('04a224b2c1f380\n');
    line.send('0012345678\r');
    expect(cards).toEqual(['04A224B2C1F380', '04A224B2C1F380', '00BC614E']);
  });

  it('drops banners, noise and overlong lines, counting them, and never takes them for a card', () => {
    const { line, reader, cards } = setUp();
    line.send('RFID READER V2.1\r\n');
    line.send([0x00, 0xff, 0x13, 0x0d]);
    line.send('0'.repeat(200) + '\r\n');
    line.send('04A224B2\r\n');
    expect(cards).toEqual(['04A224B2']);
    expect(reader.ignoredLines()).toBe(3);
  });

  it('a card listener that throws neither stops the others nor throws into the line', () => {
    const line = new FakeLine();
    const errors: unknown[] = [];
    const reader = new LineUidReader(line, { onListenerError: (e) => errors.push(e) });
    const seen: string[] = [];
    reader.onCard(() => {
      throw new Error('faulty');
    });
    reader.onCard((uid) => seen.push(uid));
    expect(() => line.send('04A224B2\n')).not.toThrow();
    expect(seen).toEqual(['04A224B2']);
    expect(errors).toHaveLength(1);
  });

  it('is online while the link is open, offline when the cable is pulled or it is closed', async () => {
    const { line, reader, statuses, cards } = setUp();
    expect(reader.status()).toEqual({ device: 'online' });
    line.drop();
    expect(statuses.at(-1)).toEqual({ device: 'offline', detail: 'linkClosed' });
    line.send('04A224B2\n');
    expect(cards).toEqual([]);
    const other = setUp();
    await other.reader.close();
    expect(other.line.closed).toBe(true);
    expect(other.reader.status()).toEqual({ device: 'offline', detail: 'readerClosed' });
  });
});

describe('the staff card reader simulator', () => {
  it('hands the canonical UID to listeners and refuses text that is not a UID', () => {
    const sim = new SimStaffCardReader();
    const cards: string[] = [];
    sim.onCard((uid) => cards.push(uid));
    sim.present('04:a2:24:b2');
    expect(cards).toEqual(['04A224B2']);
    expect(() => sim.present('hello')).toThrow(/UID/);
  });
});
