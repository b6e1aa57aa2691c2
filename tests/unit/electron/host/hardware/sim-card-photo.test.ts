import { describe, expect, it } from 'vitest';
import { SimIdCardReader } from '../../../../../electron/host/hardware/id-card-reader.sim';
import { simCardPhoto } from '../../../../../electron/host/hardware/sim-card-photos';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { readJpegFrameHeader } from '../../../../../electron/host/photo/photo-check';
import { CardReadError } from '../../../../../shared/hardware/id-card-reader';

const live = () => new AbortController().signal;
const cardOf = (id: string) => SIM_RESIDENTS.find((r) => r.id === id)?.card;

/** Presents the resident's card to a waiting read with photo, and returns what the read gave. */
async function readWithPhoto(reader: SimIdCardReader, residentId: string) {
  const read = reader.readCardWithPhoto(live());
  reader.present(residentId);
  return read;
}

describe('the simulated ID card reader: card photos', () => {
  it.each(['zhang', 'wang-expired'])('gives the card and a 102 × 126 JPEG photo for %s', async (id) => {
    const reader = new SimIdCardReader();
    const read = await readWithPhoto(reader, id);
    expect(read.card).toEqual(cardOf(id));
    expect(read.photo).toBeInstanceOf(Uint8Array);
    expect([read.photo?.[0], read.photo?.[1]]).toEqual([0xff, 0xd8]);
    expect(readJpegFrameHeader(read.photo ?? new Uint8Array())).toMatchObject({ width: 102, height: 126 });
  });

  it('gives Zhang’s card the portrait the sample data names (collins)', async () => {
    const read = await readWithPhoto(new SimIdCardReader(), 'zhang');
    expect(read.photo).toEqual(simCardPhoto('collins'));
  });

  it('gives no photo for Liu, whose card has none', async () => {
    const read = await readWithPhoto(new SimIdCardReader(), 'liu');
    expect(read.card).toEqual(cardOf('liu'));
    expect(read.photo).toBeUndefined();
    expect('photo' in read).toBe(false);
  });

  it('takes a card already on the reader', async () => {
    const reader = new SimIdCardReader();
    reader.present('zhang');
    const read = await reader.readCardWithPhoto(live());
    expect(read.card.idNumber).toBe(cardOf('zhang')?.idNumber);
    expect(read.photo?.[0]).toBe(0xff);
  });

  it('still gives readCard the card alone', async () => {
    const reader = new SimIdCardReader();
    const read = reader.readCard(live());
    reader.present('zhang');
    const card = await read;
    expect(card).toEqual(cardOf('zhang'));
    expect('photo' in card).toBe(false);
    expect('card' in card).toBe(false);
  });

  it('hands out a fresh photo on every read: changing one does not change the next', async () => {
    const reader = new SimIdCardReader();
    const first = await readWithPhoto(reader, 'zhang');
    const original = Uint8Array.from(first.photo ?? []);
    first.photo?.fill(0);
    // Put down again: a new placement is a new read.
    const second = await readWithPhoto(reader, 'zhang');
    expect(second.photo).not.toBe(first.photo);
    expect(second.photo).toEqual(original);
    expect(simCardPhoto('collins')).toEqual(original);
  });

  it('gives each card its own copy even when two residents share a portrait', async () => {
    const reader = new SimIdCardReader();
    const zhang = await readWithPhoto(reader, 'zhang');
    const wang = await readWithPhoto(reader, 'wang-expired');
    expect(wang.photo).toEqual(zhang.photo);
    zhang.photo?.fill(1);
    expect(wang.photo?.[0]).toBe(0xff);
  });

  it('gives a copy of the card too: changing it does not change the sample data', async () => {
    const reader = new SimIdCardReader();
    const read = await readWithPhoto(reader, 'zhang');
    read.card.name = 'changed';
    expect(cardOf('zhang')?.name).toBe('张伟明');
  });

  it('rejects with readerUnavailable while the reader is offline', async () => {
    const reader = new SimIdCardReader();
    reader.setDevice('offline');
    const error = await reader.readCardWithPhoto(live()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardReadError);
    expect((error as CardReadError).code).toBe('readerUnavailable');
  });

  it('rejects a damaged card', async () => {
    const error = await readWithPhoto(new SimIdCardReader(), 'damaged').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardReadError);
    expect((error as CardReadError).code).toBe('unreadable');
  });
});
