import { describe, expect, it } from 'vitest';
import { SimIdCardReader } from '../../../../../electron/host/hardware/id-card-reader.sim';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { ResidentCardWatch } from '../../../../../electron/host/staff/resident-card-watch';

const resident = SIM_RESIDENTS[0]!.id;
/** Lets the reader's promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setUp() {
  const reader = new SimIdCardReader();
  let cards = 0;
  const watch = new ResidentCardWatch(reader, () => {
    cards += 1;
    watch.stop();
  });
  return { reader, watch, cards: () => cards };
}

describe('the resident card watch of a staff session', () => {
  it('reads nothing until a session starts, then a card on the reader ends it once', async () => {
    const { reader, watch, cards } = setUp();
    expect(reader.watching()).toBe(false);
    watch.start();
    expect(reader.watching()).toBe(true);
    // Nobody stands at the reader: the background watch is not a resident's or a test's read.
    expect(reader.waiting()).toBe(false);
    reader.present(resident);
    await settle();
    expect(cards()).toBe(1);
    expect(watch.watching()).toBe(false);
    expect(reader.watching()).toBe(false);
  });

  it("a card already lying on the reader when the session starts is not a resident, and stays there for the staff's own read", async () => {
    const { reader, watch, cards } = setUp();
    reader.present(resident);
    watch.start();
    await settle();
    expect(cards()).toBe(0);
    expect(watch.watching()).toBe(true);
    const resume = watch.pause();
    const test = new AbortController();
    const card = await reader.readCard(test.signal);
    expect(card.idNumber).toBe(SIM_RESIDENTS[0]!.card?.idNumber);
    resume();
    // Put down again: that is a new card on the reader.
    reader.present(resident);
    await settle();
    expect(cards()).toBe(1);
  });

  it('a card that cannot be read is still a resident at the kiosk', async () => {
    const { reader, watch, cards } = setUp();
    watch.start();
    reader.failNextRead('checksumError');
    reader.present(resident);
    await settle();
    expect(cards()).toBe(1);
  });

  it('stops reading when the session ends', async () => {
    const { reader, watch, cards } = setUp();
    watch.start();
    watch.stop();
    await settle();
    expect(reader.watching()).toBe(false);
    reader.present(resident);
    await settle();
    expect(cards()).toBe(0);
  });

  it('is paused while staff test the reader, and watches again afterwards', async () => {
    const { reader, watch, cards } = setUp();
    watch.start();
    const resume = watch.pause();
    expect(reader.watching()).toBe(false);
    resume();
    resume();
    expect(reader.watching()).toBe(true);
    reader.present(resident);
    await settle();
    expect(cards()).toBe(1);
  });

  it('waits for a reader that is away, without spinning, and watches when it is back', async () => {
    const { reader, watch, cards } = setUp();
    reader.setDevice('offline');
    watch.start();
    await settle();
    expect(watch.watching()).toBe(false);
    reader.setDevice('online');
    await settle();
    expect(watch.watching()).toBe(true);
    reader.present(resident);
    await settle();
    expect(cards()).toBe(1);
  });

  it('a reader going away during the session is waited for, not taken for a card', async () => {
    const { reader, watch, cards } = setUp();
    watch.start();
    reader.setDevice('offline');
    await settle();
    expect(cards()).toBe(0);
    reader.setDevice('online');
    await settle();
    expect(reader.watching()).toBe(true);
  });
});
