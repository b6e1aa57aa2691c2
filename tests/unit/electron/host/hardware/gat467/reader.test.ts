import { describe, it, expect } from 'vitest';
import { CardReadError } from '../../../../../../shared/hardware/id-card-reader';
import { encodeTextBlock, putTextField, TextBlockError } from '../../../../../../electron/host/hardware/gat467/text-block';
import {
  afterFinds,
  delay,
  expectCardReadError,
  LIU,
  never,
  rejection,
  useReaderRigs,
  within,
  ZHANG,
} from '../../../../../fixtures/gat467-rig';

const rig = useReaderRigs();

describe('Gat467IdCardReader reading cards', () => {
  it('reads a card end to end: find, select, read, decode', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
    expect(device.log.slice(0, 3)).toEqual(['find', 'select', 'read']);
    expect(reader.status()).toMatchObject({ device: 'online', media: 'present' });
  });

  it('polls until a card is placed and does not select before that', async () => {
    const { device, reader } = rig();
    const read = reader.readCard(never());
    await afterFinds(device, 3);
    expect(device.count('select')).toBe(0);
    expect(reader.status().media).toBe('notPresent');
    device.place(LIU);
    await expect(read).resolves.toEqual(LIU);
  });

  it('does not poll while nobody waits and no read card lies on the reader', async () => {
    const { device } = rig();
    await delay(30);
    expect(device.log).toEqual([]);
  });

  it('reads a card once per placement: a card left behind is not read for the next resident', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await reader.readCard(never());
    const controller = new AbortController();
    const next = reader.readCard(controller.signal);
    expect(await within(next, 80)).toBe('pending');
    expect(device.count('read')).toBe(1);
    controller.abort(new Error('resident walked away'));
    await expect(next).rejects.toThrow('resident walked away');
  });

  it('reads again after the card was taken away and a card placed', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await reader.readCard(never());
    const next = reader.readCard(never());
    await delay(20);
    device.remove();
    await afterFinds(device, 2);
    device.place(LIU);
    await expect(next).resolves.toEqual(LIU);
    expect(device.count('read')).toBe(2);
  });

  it('watches for removal after a read even when nobody waits, so the next card is read', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await reader.readCard(never());
    // Between sessions: the first resident takes the card, another places theirs.
    device.remove();
    await afterFinds(device, 2);
    device.place(LIU);
    await expect(reader.readCard(never())).resolves.toEqual(LIU);
  });

  it('stops polling once the read card has been seen taken away and nobody waits', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await reader.readCard(never());
    device.remove();
    await afterFinds(device, 2);
    await delay(20);
    const finds = device.count('find');
    await delay(40);
    expect(device.count('find')).toBe(finds);
  });

  it('does not take one missed find for a removal (radio glitch)', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await reader.readCard(never());
    device.missNextFinds(1);
    const next = reader.readCard(never());
    expect(await within(next, 60)).toBe('pending');
    expect(device.count('read')).toBe(1);
    device.remove();
    await afterFinds(device, 2);
    device.place(LIU);
    await expect(next).resolves.toEqual(LIU);
  });

  it('with removalConfirmations 1, one missed find counts as a removal', async () => {
    const { device, reader } = rig({ removalConfirmations: 1 });
    device.place(ZHANG);
    await reader.readCard(never());
    device.missNextFinds(1);
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
  });

  it('gives the card to every caller waiting at the time', async () => {
    const { device, reader } = rig();
    const a = reader.readCard(never());
    const b = reader.readCard(never());
    device.place(LIU);
    const [cardA, cardB] = await Promise.all([a, b]);
    expect(cardA).toEqual(LIU);
    expect(cardB).toEqual(LIU);
    expect(cardA).not.toBe(cardB);
    expect(device.count('read')).toBe(1);
  });

  it('reads with the fingerprint command when asked and returns the templates', async () => {
    const { device, reader } = rig({ readFingerprint: true });
    device.fingerprint = Uint8Array.from({ length: 1024 }, (_, i) => (i * 5) & 0xff);
    device.place(ZHANG);
    const result = await reader.readCardWithPhoto(never());
    expect(result.card).toEqual(ZHANG);
    expect(result.fingerprint).toEqual(device.fingerprint);
    expect(device.count('readFingerprint')).toBe(1);
    expect(device.count('read')).toBe(0);
  });
});

describe('Gat467IdCardReader faults', () => {
  it('rejects with CardReadError when the card is pulled mid-read, and reads it when put back', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    device.pullCardOnNextRead();
    const error = await expectCardReadError(reader.readCard(never()), 'unreadable', 'readFailed');
    expect(device.count('select')).toBe(1);
    expect(error.message).not.toContain(ZHANG.name);
    device.place(ZHANG);
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
  });

  it('rejects when select fails because the card moved', async () => {
    const { device, reader } = rig();
    const read = reader.readCard(never());
    device.place(ZHANG);
    // The card is there for find but gone by select.
    const original = device.receive.bind(device);
    device.receive = (bytes) => {
      if (bytes[7] === 0x20 && bytes[8] === 0x02) device.remove();
      original(bytes);
    };
    await expectCardReadError(read, 'unreadable', 'selectFailed');
  });

  it('retries once after a reply with a bad checksum and still reads the card', async () => {
    const { device, reader, statuses } = rig();
    device.place(ZHANG);
    device.corruptNext('read');
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
    expect(device.count('read')).toBe(2);
    expect(statuses.map((s) => s.device)).toContain('hardwareError');
    expect(reader.status().device).toBe('online');
  });

  it('gives up with CardReadError when every attempt is garbled', async () => {
    const { device, reader } = rig({ readAttempts: 3 });
    device.place(ZHANG);
    device.corruptNext('read', 10);
    await expectCardReadError(reader.readCard(never()), 'unreadable', 'garbled');
    expect(device.count('read')).toBe(3);
    expect(reader.status().device).toBe('hardwareError');
    expect(reader.status().detail).toMatch(/garbled/);
  });

  it('treats the SAM reporting a garbled command (SW3 10) as retryable', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    const original = device.receive.bind(device);
    let spoiled = false;
    device.receive = (bytes) => {
      const copy = bytes.slice();
      if (!spoiled && copy[7] === 0x30) {
        spoiled = true;
        copy[9] = (copy[9] ?? 0) ^ 0x01;
      }
      original(copy);
    };
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
    expect(device.badCommands).toBe(1);
  });

  it('rejects with a timeout when the SAM stays silent during the read, and recovers', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    device.silenceNext('read');
    const started = Date.now();
    await expectCardReadError(reader.readCard(never()), 'unreadable', 'timeOut');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(reader.status().device).toBe('offline');
    expect(reader.status().detail).toBe('noAnswer');
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
    expect(reader.status().device).toBe('online');
  });

  it('rejects waiting reads after failureLimit silent polls instead of hanging', async () => {
    const { device, reader } = rig({ failureLimit: 2, commandTimeoutMs: 30 });
    device.silenceNext('find', 100);
    await expectCardReadError(reader.readCard(never()), 'readerUnavailable', 'timeOut');
    expect(device.count('find')).toBe(2);
    expect(reader.status().device).toBe('offline');
  });

  it('skips line noise and false preambles before each reply', async () => {
    const { device, reader } = rig();
    device.garbageBeforeReplies(Uint8Array.from([0x00, 0xff, 0xaa, 0xaa, 0x96, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x02, 0x13]));
    device.place(LIU);
    await expect(reader.readCard(never())).resolves.toEqual(LIU);
  });

  it.each([1, 7, 64])('reads replies split into %i-byte chunks', async (size) => {
    const { device, reader } = rig({ readTimeoutMs: 2000 });
    device.splitReplies(size);
    device.place(ZHANG);
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
  });

  it('rejects a card whose text is not a valid resident ID card, once per placement', async () => {
    const { device, reader } = rig();
    const text = encodeTextBlock(ZHANG);
    putTextField(text, 'idNumber', '110105198003150013');
    device.place(ZHANG, text);
    const error = await rejection(reader.readCard(never()));
    expect(error).toBeInstanceOf(CardReadError);
    expect((error as CardReadError).cause).toBeInstanceOf(TextBlockError);
    expect(String((error as Error).message)).not.toMatch(/110105|张/);
    const again = reader.readCard(new AbortController().signal);
    expect(await within(again, 50)).toBe('pending');
    expect(device.count('read')).toBe(1);
    device.remove();
    await afterFinds(device, 2);
    device.place(LIU);
    await expect(again).resolves.toEqual(LIU);
  });
});
