import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimDocumentReader } from '../../../../../electron/host/hardware/document-reader.sim';
import { SerialMrzReader } from '../../../../../electron/host/hardware/mrz-reader';
import type { ByteTransport } from '../../../../../electron/host/hardware/transport/byte-transport';
import { parseMrz } from '../../../../../shared/domain/mrz';
import type { DocumentReadResult } from '../../../../../shared/hardware/document-reader';
import { KeyboardWedgeAssembler, type WedgeScan } from '../../../../../shared/hardware/keyboard-wedge';
import type { DeviceStatus } from '../../../../../shared/hardware/types';
import { ERIKSSON, permitLine, td1, td3 } from '../../../../fixtures/mrz-build';

const PASSPORT = td3(ERIKSSON);
const CARD = td1({ ...ERIKSSON, code: 'I<', number: 'D23145890', optional: '' });
const PERMIT = permitLine('CS', 'C01234567', '300521', '900101');

/** A device on the other end of a fake serial line. */
class FakeTransport implements ByteTransport {
  readonly name = 'fake:mrz';
  closed = false;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();

  /** The reader sends bytes (a string is sent as Latin-1). */
  send(data: string | number[]): void {
    const bytes = typeof data === 'string' ? Uint8Array.from(data, (c) => c.charCodeAt(0)) : Uint8Array.from(data);
    for (const listener of [...this.dataListeners]) listener(bytes);
  }

  /** Sends `text` in chunks of `size` bytes, as a UART delivers it. */
  sendInChunks(text: string, size: number): void {
    for (let i = 0; i < text.length; i += size) this.send(text.slice(i, i + size));
  }

  /** The cable is pulled. */
  drop(): void {
    for (const listener of [...this.closeListeners]) listener(new Error('unplugged'));
  }

  listenerCount(): number {
    return this.dataListeners.size + this.closeListeners.size;
  }

  async write(): Promise<void> {}

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function setup(options: ConstructorParameters<typeof SerialMrzReader>[1] = {}) {
  const transport = new FakeTransport();
  const reader = new SerialMrzReader(transport, options);
  const documents: DocumentReadResult[] = [];
  reader.onDocument((result) => documents.push(result));
  return { transport, reader, documents };
}

describe('SerialMrzReader', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('assembles a passport sent in small chunks with CRLF and a blank line', () => {
    const { transport, reader, documents } = setup();
    expect(reader.kind).toBe('mrz-serial');
    transport.sendInChunks(`${PASSPORT[0]}\r\n${PASSPORT[1]}\r\n\r\n`, 3);
    expect(documents).toEqual([parseMrz(PASSPORT.join('\n'))]);
    expect(documents[0]).toMatchObject({ ok: true, value: { format: 'TD3', documentNumber: 'L898902C3' } });
  });

  it('treats CR, LF and CRLF alike, and a CRLF split across chunks as one line end', () => {
    for (const eol of ['\r', '\n', '\r\n']) {
      const { transport, documents } = setup();
      transport.send(CARD.map((line) => line + eol).join('') + eol);
      expect(documents).toHaveLength(1);
      expect(documents[0]).toMatchObject({ ok: true, value: { format: 'TD1' } });
    }
    const { transport, documents } = setup();
    transport.send(`${PASSPORT[0]}\r`);
    transport.send(`\n${PASSPORT[1]}\r`);
    transport.send('\n');
    // Had the split CRLF counted as a blank line, the first line would have gone alone.
    expect(documents).toHaveLength(0);
    transport.send('\r\n');
    expect(documents).toEqual([parseMrz(PASSPORT.join('\n'))]);
  });

  it('ends a document after the idle gap when no blank line comes', () => {
    const { transport, documents } = setup({ idleGapMs: 150 });
    transport.send(`${CARD[0]}\r\n${CARD[1]}\r\n`);
    vi.advanceTimersByTime(100);
    // The gap restarts with every chunk: the third line is part of the same document.
    transport.send(`${CARD[2]}\r\n`);
    vi.advanceTimersByTime(149);
    expect(documents).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ ok: true, value: { format: 'TD1', surname: 'ERIKSSON' } });
  });

  it('takes a last line without a terminator when the reader falls silent', () => {
    const { transport, documents } = setup();
    transport.send(PERMIT[0]!);
    expect(documents).toHaveLength(0);
    vi.advanceTimersByTime(150);
    expect(documents).toEqual([parseMrz(PERMIT[0]!)]);
    expect(documents[0]).toMatchObject({ ok: true, value: { format: 'CN-CS' } });
  });

  it('delivers two documents separated by a blank line as two', () => {
    const { transport, documents } = setup();
    transport.send(`${PASSPORT.join('\r\n')}\r\n\r\n${PERMIT[0]}\r\n\r\n`);
    expect(documents.map((d) => d.ok && d.value.format)).toEqual(['TD3', 'CN-CS']);
  });

  it('ignores reader chatter between documents', () => {
    const { transport, documents } = setup();
    transport.send('READER FIRMWARE 2.1.7 READY FOR DOCUMENTS\r\nOK\r\n');
    transport.send([0x00, 0xff, 0x1b, 0x0d, 0x0a]);
    vi.advanceTimersByTime(1000);
    expect(documents).toHaveLength(0);
    transport.send(`${PASSPORT.join('\r\n')}\r\n\r\n`);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.ok).toBe(true);
  });

  it('drops an endless line of noise and still reads the next document', () => {
    const { transport, documents } = setup();
    transport.send('<'.repeat(5000));
    transport.send('\r\n');
    vi.advanceTimersByTime(1000);
    expect(documents).toHaveLength(0);
    transport.send(`${CARD.join('\n')}\n\n`);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.ok).toBe(true);
  });

  it('hands misread zones to the parser, so the resident is asked to scan again', () => {
    const { transport, documents } = setup();
    transport.send(`${PASSPORT[0]}\r\n${PASSPORT[1]!.toLowerCase()}\r\n\r\n`);
    transport.send(`${PASSPORT[0]}\r\n`);
    vi.advanceTimersByTime(150);
    expect(documents.map((d) => !d.ok && d.error.code)).toEqual(['charset', 'format']);
  });

  it('chatter inside a document ends it there', () => {
    const { transport, documents } = setup();
    transport.send(`${PASSPORT[0]}\r\nERR 17\r\n${PASSPORT[1]}\r\n\r\n`);
    expect(documents).toHaveLength(2);
    expect(documents.every((d) => !d.ok && d.error.code === 'format')).toBe(true);
  });

  it('goes offline when the link closes and reads nothing after', () => {
    const { transport, reader, documents } = setup();
    const statuses: DeviceStatus[] = [];
    reader.onStatus((s) => statuses.push(s));
    expect(reader.status()).toEqual({ device: 'online' });
    transport.send(`${PASSPORT[0]}\r\n`);
    transport.drop();
    expect(reader.status().device).toBe('offline');
    expect(statuses.map((s) => s.device)).toEqual(['offline']);
    expect(transport.listenerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(documents).toHaveLength(0);
  });

  it('close() unsubscribes and closes the transport', async () => {
    const { transport, reader } = setup();
    await reader.close();
    expect(transport.closed).toBe(true);
    expect(transport.listenerCount()).toBe(0);
    expect(reader.status().device).toBe('offline');
  });

  it('keeps delivering to other listeners when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const { transport, reader, documents } = setup({ onListenerError: (e) => errors.push(e) });
    const off = reader.onDocument(() => {
      throw new Error('listener bug');
    });
    transport.send(`${PERMIT[0]}\r\n\r\n`);
    expect(documents).toHaveLength(1);
    expect(errors).toHaveLength(1);
    off();
    transport.send(`${PERMIT[0]}\r\n\r\n`);
    expect(documents).toHaveLength(2);
    expect(errors).toHaveLength(1);
  });
});

/** Types `lines` as a wedge reader does: one key every `gap` ms, Enter after each line. */
function typeKeys(lines: readonly string[], start: number, gap: number, enters = 1): Array<{ key: string; time: number }> {
  const keys: Array<{ key: string; time: number }> = [];
  let time = start;
  for (const line of lines) {
    for (const key of line) {
      keys.push({ key, time });
      time += gap;
    }
    for (let i = 0; i < enters; i++) {
      keys.push({ key: 'Enter', time });
      time += gap;
    }
  }
  return keys;
}

function feed(wedge: KeyboardWedgeAssembler, keys: ReadonlyArray<{ key: string; time: number }>): WedgeScan[] {
  return keys.map((k) => wedge.push(k)).filter((s): s is WedgeScan => s !== null);
}

describe('KeyboardWedgeAssembler', () => {
  it('takes fast keys ending with Enter as a scan once the gap has passed', () => {
    const wedge = new KeyboardWedgeAssembler();
    const keys = typeKeys(PASSPORT, 1000, 8);
    expect(feed(wedge, keys)).toEqual([]);
    const last = keys[keys.length - 1]!.time;
    expect(wedge.flush(last + 39)).toBeNull();
    const scan = wedge.flush(last + 40);
    expect(scan?.text).toBe(PASSPORT.join('\n'));
    expect(scan?.durationMs).toBe(last - 1000);
    expect(parseMrz(scan!.text)).toMatchObject({ ok: true, value: { format: 'TD3' } });
    // Nothing left over for a second flush.
    expect(wedge.flush(last + 1000)).toBeNull();
  });

  it('ends a scan at once on a blank line (Enter twice)', () => {
    const wedge = new KeyboardWedgeAssembler();
    const keys = typeKeys(CARD, 0, 5);
    keys.push({ key: 'Enter', time: keys[keys.length - 1]!.time + 5 });
    expect(feed(wedge, keys).map((s) => s.text)).toEqual([CARD.join('\n')]);
  });

  it('ignores the Shift presses readers send for capitals and <', () => {
    const wedge = new KeyboardWedgeAssembler();
    const keys = typeKeys(PERMIT, 0, 6).flatMap((k) => [{ key: 'Shift', time: k.time - 1 }, k]);
    expect(feed(wedge, keys)).toEqual([]);
    expect(wedge.flush(10_000)?.text).toBe(PERMIT[0]);
  });

  it('does not take slow typing as a scan, however long', () => {
    const wedge = new KeyboardWedgeAssembler();
    const keys = typeKeys(PASSPORT, 0, 120, 2);
    expect(feed(wedge, keys)).toEqual([]);
    expect(wedge.flush(1_000_000)).toBeNull();
  });

  it('a key just at the gap is too slow', () => {
    const wedge = new KeyboardWedgeAssembler({ maxGapMs: 40 });
    expect(feed(wedge, typeKeys(PERMIT, 0, 40))).toEqual([]);
    expect(wedge.flush(1_000_000)).toBeNull();
    expect(feed(wedge, typeKeys(PERMIT, 2_000_000, 39))).toEqual([]);
    expect(wedge.flush(3_000_000)?.text).toBe(PERMIT[0]);
  });

  it('separates a person typing before and after from the scan in between', () => {
    const wedge = new KeyboardWedgeAssembler();
    const person = typeKeys(['AB'], 0, 150);
    const scan = typeKeys(CARD, 1000, 10);
    const after = typeKeys(['X'], 3000, 200);
    const scans = feed(wedge, [...person, ...scan, ...after]);
    // The scan is complete once the person's next key shows the burst is over.
    expect(scans.map((s) => s.text)).toEqual([CARD.join('\n')]);
    expect(wedge.flush(10_000)).toBeNull();
  });

  it('a pause in the middle splits the burst; the first part alone is not a zone', () => {
    const wedge = new KeyboardWedgeAssembler();
    const first = typeKeys([PASSPORT[0]!], 0, 10);
    const second = typeKeys([PASSPORT[1]!], first[first.length - 1]!.time + 300, 10);
    const scans = [...feed(wedge, [...first, ...second]), wedge.flush(100_000)].filter((s) => s !== null);
    expect(scans.map((s) => s.text)).toEqual([PASSPORT[0], PASSPORT[1]]);
    // Each part is read as a one-line zone and refused, so the resident is asked to scan again.
    expect(scans.map((s) => parseMrz(s.text).ok)).toEqual([false, false]);
  });

  it('is not a scan without a final Enter, when short, or when edited', () => {
    const noEnter = new KeyboardWedgeAssembler();
    feed(noEnter, typeKeys([PERMIT[0]!], 0, 5).slice(0, -1));
    expect(noEnter.flush(10_000)).toBeNull();

    const short = new KeyboardWedgeAssembler();
    feed(short, typeKeys(['OK'], 0, 5));
    expect(short.flush(10_000)).toBeNull();

    const edited = new KeyboardWedgeAssembler();
    const keys = typeKeys(PASSPORT, 0, 5);
    keys.splice(10, 0, { key: 'Backspace', time: keys[10]!.time });
    feed(edited, keys);
    expect(edited.flush(10_000)).toBeNull();
  });

  it('drops a burst longer than any zone', () => {
    const wedge = new KeyboardWedgeAssembler({ maxChars: 100 });
    feed(wedge, typeKeys(['<'.repeat(150)], 0, 1));
    expect(wedge.flush(10_000)).toBeNull();
  });

  it('reset() forgets a burst in progress', () => {
    const wedge = new KeyboardWedgeAssembler();
    feed(wedge, typeKeys(CARD, 0, 5));
    wedge.reset();
    expect(wedge.flush(10_000)).toBeNull();
  });
});

describe('SimDocumentReader', () => {
  function sim() {
    const reader = new SimDocumentReader();
    const documents: DocumentReadResult[] = [];
    const statuses: DeviceStatus[] = [];
    reader.onDocument((d) => documents.push(d));
    reader.onStatus((s) => statuses.push(s));
    return { reader, documents, statuses };
  }

  it('parses and delivers a presented zone, with media present while it reads', () => {
    const { reader, documents, statuses } = sim();
    expect(reader.kind).toBe('sim');
    expect(reader.present(PASSPORT.join('\n'))).toBe(true);
    expect(documents).toEqual([parseMrz(PASSPORT.join('\n'))]);
    expect(statuses.map((s) => s.media)).toEqual(['present', 'notPresent']);
    expect(reader.deliveredCount()).toBe(1);
  });

  it('delivers the refusal for a zone that does not parse', () => {
    const { reader, documents } = sim();
    reader.present('NOT A ZONE');
    expect(documents[0]).toMatchObject({ ok: false, error: { code: 'charset' } });
  });

  it("failNext('garbled') corrupts only the next document", () => {
    const { reader, documents } = sim();
    reader.failNext('garbled');
    reader.present(CARD.join('\n'));
    reader.present(CARD.join('\n'));
    expect(documents.map((d) => d.ok)).toEqual([false, true]);
    expect(documents[0]).toMatchObject({ ok: false, error: { code: 'charset', field: 'line1' } });
  });

  it("failNext('timeOut') swallows only the next document", () => {
    const { reader, documents } = sim();
    reader.failNext('timeOut');
    expect(reader.present(PERMIT[0]!)).toBe(false);
    expect(documents).toHaveLength(0);
    expect(reader.present(PERMIT[0]!)).toBe(true);
    expect(documents).toHaveLength(1);
    expect(reader.status().media).toBe('notPresent');
  });

  it('reads nothing while not online', () => {
    const { reader, documents, statuses } = sim();
    reader.setDevice('offline');
    expect(reader.present(PASSPORT.join('\n'))).toBe(false);
    expect(documents).toHaveLength(0);
    expect(statuses.map((s) => s.device)).toEqual(['offline']);
    reader.setDevice('online');
    expect(reader.present(PASSPORT.join('\n'))).toBe(true);
  });
});
