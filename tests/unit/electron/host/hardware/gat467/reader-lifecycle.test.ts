import { describe, it, expect, vi } from 'vitest';
import type { DeviceStatus } from '../../../../../../shared/hardware/types';
import type { PhotoDecoder } from '../../../../../../electron/host/hardware/gat467/photo-decoder';
import { Gat467IdCardReader } from '../../../../../../electron/host/hardware/gat467/reader';
import { connectSerialMock, FAKE_SAM_ID, FakeGat467Device } from '../../../../../fixtures/gat467-device';
import { afterFinds, delay, expectCardReadError, FAST, LIU, never, useReaderRigs, ZHANG } from '../../../../../fixtures/gat467-rig';

const rig = useReaderRigs();

describe('Gat467IdCardReader abort and close', () => {
  it('rejects at once with the reason of an already aborted signal', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    const reason = new Error('flow left the screen');
    await expect(reader.readCard(AbortSignal.abort(reason))).rejects.toBe(reason);
    await delay(20);
    expect(device.log).toEqual([]);
  });

  it('rejects with the abort reason and stops polling', async () => {
    const { device, reader } = rig();
    const controller = new AbortController();
    const read = reader.readCard(controller.signal);
    await delay(20);
    const reason = new Error('timeout on the screen');
    controller.abort(reason);
    await expect(read).rejects.toBe(reason);
    await delay(50);
    const finds = device.count('find');
    await delay(40);
    expect(device.count('find')).toBe(finds);
  });

  it('leaves the card for the next read when the caller aborts as the card is found', async () => {
    const { device, reader } = rig();
    const controller = new AbortController();
    const off = reader.onStatus((s) => {
      if (s.media === 'present') controller.abort(new Error('gone'));
    });
    const read = reader.readCard(controller.signal);
    device.place(ZHANG);
    await expect(read).rejects.toThrow('gone');
    off();
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
  });

  it('fails waiting reads with CardReadError on close and refuses new ones', async () => {
    const { transport, reader, statuses } = rig();
    const read = reader.readCard(never());
    await delay(10);
    await reader.close();
    await expectCardReadError(read, 'readerUnavailable', 'closed');
    await expectCardReadError(reader.readCard(never()), 'readerUnavailable', 'closed');
    expect(transport.closed).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ device: 'offline' });
    await reader.close();
    expect((await reader.checkStatus()).code).toBe('deviceNotReady');
  });

  it('goes offline and fails waiting reads when the cable is pulled', async () => {
    const { transport, reader } = rig();
    const read = reader.readCard(never());
    await delay(10);
    transport.unplug();
    await expectCardReadError(read, 'readerUnavailable', 'closed');
    expect(reader.status().device).toBe('offline');
    expect(reader.status().detail).toBe('linkClosed');
  });
});

describe('Gat467IdCardReader status', () => {
  it('starts offline, goes online after a successful SAM status and tells listeners once', async () => {
    const { reader, statuses } = rig();
    expect(reader.status().device).toBe('offline');
    await expect(reader.checkStatus()).resolves.toEqual({ code: 'success', message: 'OK' });
    expect(reader.status()).toEqual({ device: 'online' });
    await reader.checkStatus();
    expect(statuses).toEqual([{ device: 'online' }]);
  });

  it('reports a SAM that fails its status check as a hardware error', async () => {
    const { device, reader, statuses } = rig();
    device.samStatusSw3 = 0x60;
    const result = await reader.checkStatus();
    expect(result.code).toBe('hardwareError');
    expect(result.message).toMatch(/60/);
    // Straight from offline to hardwareError, with no false 'online' in between.
    expect(statuses.map((s) => s.device)).toEqual(['hardwareError']);
  });

  it('reports a silent SAM as offline with a timeOut completion', async () => {
    const { device, reader } = rig();
    device.silenceNext('samStatus');
    await expect(reader.checkStatus()).resolves.toMatchObject({ code: 'timeOut' });
    expect(reader.status().device).toBe('offline');
  });

  it('tracks media as cards come and go, and stops telling a listener that unsubscribed', async () => {
    const { device, reader } = rig();
    const seen: DeviceStatus[] = [];
    const off = reader.onStatus((s) => seen.push(s));
    const read = reader.readCard(never());
    await afterFinds(device, 2);
    device.place(ZHANG);
    await read;
    device.remove();
    await afterFinds(device, 2);
    expect(seen).toEqual([
      { device: 'online' },
      { device: 'online', media: 'notPresent' },
      { device: 'online', media: 'present' },
      { device: 'online', media: 'notPresent' },
    ]);
    off();
    device.place(LIU);
    await reader.readCard(never());
    expect(seen).toHaveLength(4);
  });

  it('keeps polling when a listener throws, and reports the error as a warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { device, reader } = rig();
      const off = reader.onStatus(() => {
        throw new Error('listener bug');
      });
      device.place(ZHANG);
      await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
      expect(warn).toHaveBeenCalledWith('ID card reader status listener failed: listener bug');
      // The rig closes the reader after the test: that change must not warn outside the spy.
      off();
    } finally {
      warn.mockRestore();
    }
  });

  it('reads the SAM id as hex and resets the SAM', async () => {
    const { device, reader } = rig();
    const id = await reader.samId();
    expect(id.code).toBe('success');
    expect(id.value).toBe(Array.from(FAKE_SAM_ID, (b) => b.toString(16).padStart(2, '0')).join(''));
    await expect(reader.resetSam()).resolves.toMatchObject({ code: 'success' });
    expect(device.log).toEqual(['samId', 'resetSam']);
  });
});

describe('Gat467IdCardReader photos', () => {
  function recordingDecoder(): PhotoDecoder & { inputs: Uint8Array[] } {
    const inputs: Uint8Array[] = [];
    return {
      inputs,
      decode: async (wlt) => {
        inputs.push(wlt);
        return Uint8Array.from([0x42, 0x4d, wlt.length >> 8, wlt[0] ?? 0]);
      },
    };
  }

  it('reports faceCheck unavailable without a decoder', async () => {
    const { device, reader } = rig();
    device.place(ZHANG);
    await expect(reader.readCardWithPhoto(never())).resolves.toEqual({ card: ZHANG, faceCheck: 'unavailable' });
  });

  it('decodes the photo the card sent when a decoder is configured', async () => {
    const decoder = recordingDecoder();
    const { device, reader } = rig({ photoDecoder: decoder });
    device.place(ZHANG);
    const result = await reader.readCardWithPhoto(never());
    expect(result.faceCheck).toBe('available');
    expect(Array.from(result.photo ?? [])).toEqual([0x42, 0x4d, 0x04, device.photo[0]]);
    expect(decoder.inputs).toEqual([device.photo]);
  });

  it('does not decode for callers of readCard', async () => {
    const decoder = recordingDecoder();
    const { device, reader } = rig({ photoDecoder: decoder });
    device.place(ZHANG);
    await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
    expect(decoder.inputs).toEqual([]);
  });

  it('delivers the card without a photo when the decoder hangs or throws synchronously', async () => {
    const hanging: PhotoDecoder = { decode: () => new Promise<Uint8Array>(() => undefined) };
    const first = rig({ photoDecoder: hanging, photoTimeoutMs: 30 });
    first.device.place(ZHANG);
    await expect(first.reader.readCardWithPhoto(never())).resolves.toEqual({ card: ZHANG, faceCheck: 'unavailable' });
    const throwing: PhotoDecoder = {
      decode: () => {
        throw new Error('not initialised');
      },
    };
    const second = rig({ photoDecoder: throwing });
    second.device.place(LIU);
    await expect(second.reader.readCardWithPhoto(never())).resolves.toEqual({ card: LIU, faceCheck: 'unavailable' });
  });

  it('still delivers the card when the decoder fails', async () => {
    const failing: PhotoDecoder = { decode: () => Promise.reject(new Error('licence expired')) };
    const { device, reader } = rig({ photoDecoder: failing });
    device.place(LIU);
    await expect(reader.readCardWithPhoto(never())).resolves.toEqual({ card: LIU, faceCheck: 'unavailable' });
  });
});

describe('Gat467IdCardReader over openSerialTransport and SerialPortMock', () => {
  const frame = (cmd: number, para: number): number[] => [0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, cmd, para, 0x03 ^ cmd ^ para];

  it('checks the SAM and reads a card through a mock serial port', async () => {
    const device = new FakeGat467Device();
    const { transport, recording } = await connectSerialMock(device, '/dev/ttyGAT467-e2e');
    const reader = await Gat467IdCardReader.open(transport, FAST);
    try {
      expect(reader.status()).toEqual({ device: 'online' });
      device.splitReplies(100);
      device.place(LIU);
      await expect(reader.readCard(never())).resolves.toEqual(LIU);
      expect(Array.from(recording())).toEqual([...frame(0x11, 0xff), ...frame(0x20, 0x01), ...frame(0x20, 0x02), ...frame(0x30, 0x01)]);
    } finally {
      await reader.close();
    }
    expect(reader.status().device).toBe('offline');
  });

  it('times out and reports offline when the device on the port stays silent', async () => {
    const device = new FakeGat467Device();
    device.silenceNext('samStatus');
    const { transport } = await connectSerialMock(device, '/dev/ttyGAT467-silent');
    const reader = await Gat467IdCardReader.open(transport, FAST);
    try {
      expect(reader.status()).toMatchObject({ device: 'offline' });
      device.place(ZHANG);
      await expect(reader.readCard(never())).resolves.toEqual(ZHANG);
      expect(reader.status().device).toBe('online');
    } finally {
      await reader.close();
    }
  });
});
