import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { begin, CHECK, IDENTIFY, RATING, REFERENCE, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const FACE: Step = { kind: 'faceVerify', id: 'face', tries: 3, withoutPhoto: 'officerLater' };
const DETAILS: Step = { kind: 'questions', id: 'details', questions: [{ id: 'phone', kind: 'phone' }] };
const CATALOG = [service('renewLike', [IDENTIFY, FACE, DETAILS, CHECK, SUBMIT, SLIP, RATING])];

async function toFace(t: Flow): Promise<void> {
  await begin(t, 'renewLike');
  await t.settle();
}

describe('the face check step', () => {
  it('asks the host for the photo to compare with, for this session and identity, then shows the camera', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    expect(t.calls.prepareFaceReference).toHaveLength(1);
    expect(t.calls.prepareFaceReference[0]).toMatchObject({ sessionId: 's1', identity: { method: 'idCard' } });
    expect(t.screen()).toEqual({ name: 'faceVerify', stepId: 'face', phase: 'ready', triesLeft: 3, lastMiss: null, source: 'card', withoutPhoto: 'officerLater' });
  });

  it('shows the preparing screen while the host looks for the photo, and the platform as the source when that is where it came from', async () => {
    const t = startFlow(CATALOG);
    const held = t.hold('prepareFaceReference');
    await toFace(t);
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'preparing', source: null });
    held[0]!.resolve('platform');
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'ready', source: 'platform' });
  });

  it('moves on when the face matched, and the submission says so', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    t.send({ type: 'FACE_CHECKED', outcome: 'matched' });
    expect(t.screen()).toMatchObject({ name: 'question', question: { id: 'phone' } });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.enqueue[0]).toMatchObject({ serviceId: 'renewLike', faceCheck: 'matched' });
    expect(t.screen()).toMatchObject({ name: 'confirmation', reference: REFERENCE });
  });

  it('counts each miss, says why, and sends the resident to a counter after the last try, with no way back', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    expect(t.screen()).toMatchObject({ phase: 'ready', triesLeft: 2, lastMiss: 'notMatched' });
    t.send({ type: 'FACE_CHECKED', outcome: 'notLive' });
    expect(t.screen()).toMatchObject({ phase: 'ready', triesLeft: 1, lastMiss: 'notLive' });
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'counter', triesLeft: 0 });
    // Nothing the page can send gets past the counter: not a match, not Back, not Continue.
    t.send({ type: 'FACE_CHECKED', outcome: 'matched' });
    t.send({ type: 'BACK' });
    t.send({ type: 'CONTINUE' });
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'counter' });
    t.send({ type: 'FINISH' });
    await t.settle();
    expect(t.calls.enqueue).toEqual([]);
    expect(t.screen()).toEqual({ name: 'welcome' });
  });

  it('honours the tries the catalog gives', async () => {
    const t = startFlow([service('renewLike', [IDENTIFY, { kind: 'faceVerify', id: 'face', tries: 1, withoutPhoto: 'officerLater' }, DETAILS, CHECK, SUBMIT, SLIP, RATING])]);
    await toFace(t);
    expect(t.screen()).toMatchObject({ triesLeft: 1 });
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    expect(t.screen()).toMatchObject({ phase: 'counter' });
  });

  it('counts the tries per session: going back and starting the step again gives no new ones', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('start');
    t.send({ type: 'CONTINUE' });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'ready', triesLeft: 1, lastMiss: null });
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    expect(t.screen()).toMatchObject({ phase: 'counter' });
  });

  it('without a photo to compare with, says so and lets the resident go on for an officer to confirm, and the submission says that', async () => {
    const t = startFlow(CATALOG);
    t.fakes.prepareFaceReference = async () => 'none';
    await toFace(t);
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'noReference', source: 'none' });
    // No comparison can be made: a FACE_CHECKED from anywhere is ignored.
    t.send({ type: 'FACE_CHECKED', outcome: 'matched' });
    expect(t.screen()).toMatchObject({ phase: 'noReference' });
    t.send({ type: 'CONTINUE' });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.enqueue[0]).toMatchObject({ faceCheck: 'staffToConfirm' });
  });

  it('for a service that hands over its result at once, without a photo only a counter: Continue does nothing', async () => {
    const t = startFlow([service('endorseLike', [IDENTIFY, { kind: 'faceVerify', id: 'face', tries: 3, withoutPhoto: 'counter' }, DETAILS, CHECK, SUBMIT, SLIP, RATING])]);
    t.fakes.prepareFaceReference = async () => 'none';
    await begin(t, 'endorseLike');
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'noReference', withoutPhoto: 'counter' });
    t.send({ type: 'CONTINUE' });
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'noReference' });
    t.send({ type: 'FINISH' });
    await t.settle();
    expect(t.screen()).toEqual({ name: 'welcome' });
    expect(t.calls.enqueue).toEqual([]);
  });

  it('goes straight to the counter for a document whose tries are used up (in earlier sessions too), with no comparison', async () => {
    const t = startFlow(CATALOG);
    t.fakes.prepareFaceReference = async () => 'locked';
    await toFace(t);
    expect(t.screen()).toMatchObject({ name: 'faceVerify', phase: 'counter', triesLeft: 0 });
    t.send({ type: 'FACE_CHECKED', outcome: 'matched' });
    expect(t.screen()).toMatchObject({ phase: 'counter' });
  });

  it('treats a host that could not look for a photo like no photo: the alternative, never a silent pass', async () => {
    const t = startFlow(CATALOG);
    t.fakes.prepareFaceReference = async () => {
      throw new Error('worker gone');
    };
    await toFace(t);
    expect(t.screen()).toMatchObject({ phase: 'noReference' });
  });

  it('lets the resident stop without a photo, and nothing is submitted', async () => {
    const t = startFlow(CATALOG);
    t.fakes.prepareFaceReference = async () => 'none';
    await toFace(t);
    t.send({ type: 'FINISH' });
    await t.settle();
    expect(t.screen()).toEqual({ name: 'welcome' });
    expect(t.calls.enqueue).toEqual([]);
  });

  it('is passed over by Back from the step after it, once matched', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    t.send({ type: 'FACE_CHECKED', outcome: 'matched' });
    expect(t.screen().name).toBe('question');
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('start');
  });

  it('keeps the misses across a restart of the host (the snapshot), so a crash does not give new tries', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    t.resume();
    expect(t.screen()).toMatchObject({ name: 'faceVerify', triesLeft: 1, lastMiss: 'notMatched' });
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    expect(t.screen()).toMatchObject({ phase: 'counter' });
  });

  it('ignores a face result on any other screen', async () => {
    const t = startFlow(CATALOG);
    await toFace(t);
    t.send({ type: 'FACE_CHECKED', outcome: 'matched' });
    const before = t.view();
    t.send({ type: 'FACE_CHECKED', outcome: 'notMatched' });
    expect(t.view()).toEqual(before);
  });
});
