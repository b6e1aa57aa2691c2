/**
 * The 1:1 face check through the host, with the real face engine in the photo worker: the
 * simulator's card photos and the simulated platform's photos on file (public-domain portraits,
 * tests/fixtures/faces) against bursts of frames made from the same and another portrait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract';
import { emptyBurst, stillBurst, swayingBurst, twoPeopleBurst } from '../fixtures/faces/bursts';
import { call, expectNoPersonalData, getView, removeTempDirs, send, signInStaff, startTestHost, tempDir, waitForView, withDb, type TestHost } from './helpers';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost(tempDir());
  // The engine loads on the worker as the host starts; the first burst waits for it.
  await call(t.host, 'camera:report', { state: 'online' });
}, 60_000);
afterAll(async () => {
  await t.host.close();
  removeTempDirs();
});

const faceAudits = () =>
  withDb(t.dataDir, (db) => db.prepare("SELECT detail FROM audit_log WHERE action = 'face.checked' ORDER BY seq").all() as { detail: string }[]).map(
    (row) => JSON.parse(row.detail) as Record<string, unknown>,
  );

/** Ends whatever session is on screen, back to the welcome screen. */
async function reset(): Promise<void> {
  const view = await getView(t.host);
  if (view.screen.name === 'welcome') return;
  await send(t.host, { type: 'CANCEL' });
  const after = await getView(t.host);
  if (after.screen.name !== 'welcome') await send(t.host, { type: 'FINISH' });
  expect((await getView(t.host)).screen.name).toBe('welcome');
}

/** Starts a service and identifies with a sample card or document, up to the face screen once it is past preparing. */
async function toFace(serviceId: string, who: { card: string } | { document: string }): Promise<FlowView> {
  await reset();
  await send(t.host, { type: 'SELECT_SERVICE', serviceId });
  await send(t.host, { type: 'CONTINUE' });
  if ('card' in who) await call(t.host, 'sim:presentCard', { residentId: who.card });
  else await call(t.host, 'sim:presentDocument', { documentId: who.document });
  const view = await waitForView(t.host, (v) => v.screen.name === 'faceVerify' && v.screen.phase !== 'preparing', 'the face screen', 30_000);
  if ('card' in who) await call(t.host, 'sim:removeCard', {});
  return view;
}

// Wang's card is locked out by the refusals below (three misses); the later checks use Zhang's
// card, which carries the same portrait.
describe('the face check against the card photo', () => {
  it('accepts the holder: the same face as on the card, looking at the camera, and the service goes on', async () => {
    const view = await toFace('idCardRenewal', { card: 'wang-expired' });
    expect(view.screen).toMatchObject({ name: 'faceVerify', phase: 'ready', source: 'card', triesLeft: 3 });
    const before = faceAudits().length;
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins') })).toEqual({ outcome: 'matched' });
    expect((await getView(t.host)).screen).toMatchObject({ name: 'question', question: { id: 'renewalReason' } });
    const audit = faceAudits().slice(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ serviceId: 'idCardRenewal', source: 'card', outcome: 'matched', attempt: 1, threshold: 0.6, liveness: 'live', framesUsed: 6, frames: 6 });
    expect(audit[0]!.similarity).toBeGreaterThanOrEqual(0.6);
    expect(audit[0]!.antispoof).toBeGreaterThanOrEqual(0.5);
  }, 60_000);

  it('refuses another person three times, then sends them to a counter; every try is audited', async () => {
    const view = await toFace('idCardRenewal', { card: 'wang-expired' });
    expect(view.screen).toMatchObject({ phase: 'ready', triesLeft: 3 });
    const before = faceAudits().length;
    for (const left of [2, 1]) {
      expect(await call(t.host, 'face:verify', { frames: swayingBurst('hopper') })).toEqual({ outcome: 'notMatched' });
      expect((await getView(t.host)).screen).toMatchObject({ name: 'faceVerify', phase: 'ready', triesLeft: left, lastMiss: 'notMatched' });
    }
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('hopper') })).toEqual({ outcome: 'notMatched' });
    expect((await getView(t.host)).screen).toMatchObject({ name: 'faceVerify', phase: 'counter', triesLeft: 0 });
    // The holder arriving now changes nothing: the tries are spent for this session.
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins') })).toEqual({ outcome: 'notVerifying' });
    const audit = faceAudits().slice(before);
    expect(audit.map((a) => [a.outcome, a.attempt])).toEqual([
      ['notMatched', 1],
      ['notMatched', 2],
      ['notMatched', 3],
    ]);
    for (const a of audit) expect(a.similarity).toBeLessThan(0.6);
    expect((await send(t.host, { type: 'FINISH' })).screen.name).toBe('welcome');
    // Starting over does not give three more tries: the card's tries are used up for a day.
    const again = await toFace('idCardRenewal', { card: 'wang-expired' });
    expect(again.screen).toMatchObject({ name: 'faceVerify', phase: 'counter', triesLeft: 0 });
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins') })).toEqual({ outcome: 'notVerifying' });
    expect(t.lines.some((line) => line.includes('"face.documentLocked"'))).toBe(true);
    expect((await send(t.host, { type: 'FINISH' })).screen.name).toBe('welcome');
  }, 90_000);

  it('refuses the holder\'s face held perfectly still (a photo held up) as not live, at the cost of a try', async () => {
    await toFace('idCardRenewal', { card: 'zhang' });
    expect(await call(t.host, 'face:verify', { frames: stillBurst('collins') })).toEqual({ outcome: 'notLive' });
    expect((await getView(t.host)).screen).toMatchObject({ phase: 'ready', triesLeft: 2, lastMiss: 'notLive' });
    expect(faceAudits().at(-1)).toMatchObject({ outcome: 'notLive', liveness: 'still', motion: 0 });
  }, 60_000);

  it('costs no try when nobody, or more than one person, is in front of the camera', async () => {
    await toFace('idCardRenewal', { card: 'zhang' });
    expect(await call(t.host, 'face:verify', { frames: emptyBurst() })).toEqual({ outcome: 'noFace' });
    expect(await call(t.host, 'face:verify', { frames: await twoPeopleBurst() })).toEqual({ outcome: 'severalFaces' });
    expect((await getView(t.host)).screen).toMatchObject({ phase: 'ready', triesLeft: 3, lastMiss: null });
    expect(faceAudits().slice(-2).map((a) => [a.outcome, a.attempt])).toEqual([
      ['noFace', null],
      ['severalFaces', null],
    ]);
  }, 60_000);

  it('takes a threshold an admin sets: at 0.9 even the holder is refused', async () => {
    await reset();
    await signInStaff(t.host, t.dataDir);
    const settings = await call(t.host, 'staff:settings', {});
    await call(t.host, 'staff:saveSettings', { ...settings, faceMatchThreshold: 0.9 });
    await call(t.host, 'staff:signOut', {});
    try {
      await toFace('idCardRenewal', { card: 'zhang' });
      expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins') })).toEqual({ outcome: 'notMatched' });
      expect(faceAudits().at(-1)).toMatchObject({ outcome: 'notMatched', threshold: 0.9 });
    } finally {
      await reset();
      await signInStaff(t.host, t.dataDir);
      await call(t.host, 'staff:saveSettings', { ...settings, faceMatchThreshold: 0.6 });
      await call(t.host, 'staff:signOut', {});
    }
  }, 60_000);
});

describe('the face check against the photo on file', () => {
  it('compares a permit holder with the photo the platform has for the permit', async () => {
    const view = await toFace('hkMacaoEndorsement', { document: 'zhang-hk' });
    expect(view.screen).toMatchObject({ phase: 'ready', source: 'platform' });
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins') })).toEqual({ outcome: 'matched' });
    expect((await getView(t.host)).screen.name).not.toBe('faceVerify');
    expect(faceAudits().at(-1)).toMatchObject({ serviceId: 'hkMacaoEndorsement', source: 'platform', outcome: 'matched' });
  }, 60_000);

  it('without any photo to compare with, says so and lets the resident go on for an officer to confirm', async () => {
    // Liu's card carries no photo the reader can decode, and the platform has none on file.
    const view = await toFace('idCardRenewal', { card: 'liu' });
    expect(view.screen).toMatchObject({ phase: 'noReference', source: 'none' });
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins') })).toEqual({ outcome: 'notVerifying' });
    expect((await send(t.host, { type: 'CONTINUE' })).screen).toMatchObject({ name: 'question', question: { id: 'renewalReason' } });
  }, 60_000);
});

describe('an endorsement without a photo on file', () => {
  it('sends the resident to a counter: the permit is printed at once, so nobody goes on unchecked', async () => {
    // Zhao's permit has no photo on file at the simulated platform, and a permit has no card photo.
    const view = await toFace('hkMacaoEndorsement', { document: 'zhao-hk' });
    expect(view.screen).toMatchObject({ phase: 'noReference', source: 'none', withoutPhoto: 'counter' });
    expect((await send(t.host, { type: 'CONTINUE' })).screen).toMatchObject({ name: 'faceVerify', phase: 'noReference' });
    expect((await send(t.host, { type: 'FINISH' })).screen.name).toBe('welcome');
  }, 60_000);
});

describe('what the face check keeps', () => {
  it('answers notVerifying off the face screen, and no log line or audit entry holds a picture, a descriptor or personal data', async () => {
    await reset();
    expect(await call(t.host, 'face:verify', { frames: swayingBurst('collins', 2) })).toEqual({ outcome: 'notVerifying' });
    const audits = withDb(t.dataDir, (db) => db.prepare("SELECT detail FROM audit_log WHERE action LIKE 'face.%'").all() as { detail: string }[]);
    expect(audits.length).toBeGreaterThan(0);
    const texts = [...t.lines, ...audits.map((a) => a.detail)];
    expectNoPersonalData(texts);
    // A JPEG's base64 starts /9j/; a descriptor would be hundreds of numbers.
    for (const text of texts) {
      expect(text).not.toContain('/9j/');
      expect(text).not.toMatch(/(-?\d\.\d+,){20}/);
    }
  }, 60_000);
});
