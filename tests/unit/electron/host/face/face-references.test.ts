import { describe, expect, it } from 'vitest';
import { createFaceReferences } from '../../../../../electron/host/face/face-references';

const PHOTO = (): Uint8Array => Uint8Array.from([0xff, 0xd8, 0x11, 0x22, 0x33]);
const EMBEDDING = (): Float32Array => Float32Array.from([0.25, -0.5, 0.75]);

describe('createFaceReferences', () => {
  it('holds nothing at first', () => {
    const refs = createFaceReferences();
    expect(refs.cardPhoto('s-1')).toBeNull();
    expect(refs.reference('s-1')).toBeNull();
  });

  it('returns the card photo set for the session', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    expect(refs.cardPhoto('s-1')).toEqual(PHOTO());
  });

  it('keeps a null card photo as none', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    const held = refs.cardPhoto('s-1');
    refs.setCardPhoto('s-1', null);
    expect(refs.cardPhoto('s-1')).toBeNull();
    // The photo it replaced is overwritten.
    expect(held).toEqual(new Uint8Array(5));
  });

  it('overwrites the previous photo of the same session when a new one is set', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    const first = refs.cardPhoto('s-1');
    refs.setCardPhoto('s-1', Uint8Array.from([9, 8, 7]));
    expect(refs.cardPhoto('s-1')).toEqual(Uint8Array.from([9, 8, 7]));
    expect(first).toEqual(new Uint8Array(5));
  });

  it('does not give one session the card photo of another', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    expect(refs.cardPhoto('s-2')).toBeNull();
    expect(refs.cardPhoto('s-1')).toEqual(PHOTO());
  });

  it('does not give one session the reference of another', () => {
    const refs = createFaceReferences();
    refs.setReference('s-1', EMBEDDING(), 'card', 'doc-key');
    expect(refs.reference('s-2')).toBeNull();
    expect(refs.reference('s-1')).toEqual({ embedding: EMBEDDING(), source: 'card', documentKey: 'doc-key' });
  });

  it('replaces and wipes what another session left when a new session sets a card photo', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    refs.setReference('s-1', EMBEDDING(), 'platform', 'doc-key');
    const oldReference = refs.reference('s-1');
    refs.setCardPhoto('s-2', Uint8Array.from([1, 2]));
    expect(refs.reference('s-1')).toBeNull();
    expect(refs.cardPhoto('s-1')).toBeNull();
    expect(refs.cardPhoto('s-2')).toEqual(Uint8Array.from([1, 2]));
    expect(oldReference?.embedding).toEqual(new Float32Array(3));
  });

  it('replaces and wipes another session’s card photo when a new session sets a reference', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    const oldPhoto = refs.cardPhoto('s-1');
    refs.setReference('s-2', EMBEDDING(), 'platform', 'doc-key');
    expect(refs.cardPhoto('s-1')).toBeNull();
    expect(refs.reference('s-2')).toEqual({ embedding: EMBEDDING(), source: 'platform', documentKey: 'doc-key' });
    expect(oldPhoto).toEqual(new Uint8Array(5));
  });

  it('drops and zero-fills the card photo once the reference is set', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    const held = refs.cardPhoto('s-1');
    refs.setReference('s-1', EMBEDDING(), 'card', 'doc-key');
    expect(refs.cardPhoto('s-1')).toBeNull();
    expect(held).toEqual(new Uint8Array(5));
    expect(refs.reference('s-1')).toEqual({ embedding: EMBEDDING(), source: 'card', documentKey: 'doc-key' });
  });

  it('keepOnly(same session) keeps everything', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    refs.keepOnly('s-1');
    expect(refs.cardPhoto('s-1')).toEqual(PHOTO());
    refs.setReference('s-1', EMBEDDING(), 'card', 'doc-key');
    refs.keepOnly('s-1');
    expect(refs.reference('s-1')).toEqual({ embedding: EMBEDDING(), source: 'card', documentKey: 'doc-key' });
  });

  it('keepOnly(another session) forgets and zero-fills the card photo', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    const held = refs.cardPhoto('s-1');
    refs.keepOnly('s-2');
    expect(refs.cardPhoto('s-1')).toBeNull();
    expect(held).toEqual(new Uint8Array(5));
  });

  it('keepOnly(another session) forgets and zero-fills the reference', () => {
    const refs = createFaceReferences();
    refs.setReference('s-1', EMBEDDING(), 'platform', 'doc-key');
    const held = refs.reference('s-1');
    refs.keepOnly('s-2');
    expect(refs.reference('s-1')).toBeNull();
    expect(held?.embedding).toEqual(new Float32Array(3));
  });

  it('keepOnly(null) forgets everything', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    const held = refs.cardPhoto('s-1');
    refs.keepOnly(null);
    expect(refs.cardPhoto('s-1')).toBeNull();
    expect(held).toEqual(new Uint8Array(5));
  });

  it('stores copies: the caller’s arrays are neither kept nor wiped', () => {
    const refs = createFaceReferences();
    const photo = PHOTO();
    const embedding = EMBEDDING();
    refs.setCardPhoto('s-1', photo);
    expect(refs.cardPhoto('s-1')).not.toBe(photo);
    photo[2] = 0x99;
    expect(refs.cardPhoto('s-1')).toEqual(PHOTO());

    refs.setReference('s-1', embedding, 'card', 'doc-key');
    expect(refs.reference('s-1')?.embedding).not.toBe(embedding);
    embedding[0] = 42;
    expect(refs.reference('s-1')?.embedding).toEqual(EMBEDDING());

    refs.keepOnly(null);
    // Only the stored copies are zeroed: what the caller passed is left as it was.
    expect(photo).toEqual(Uint8Array.from([0xff, 0xd8, 0x99, 0x22, 0x33]));
    expect(embedding).toEqual(Float32Array.from([42, -0.5, 0.75]));
  });

  it('counts attempts per session from 1', () => {
    const refs = createFaceReferences();
    expect(refs.nextAttempt('s-1')).toBe(1);
    expect(refs.nextAttempt('s-1')).toBe(2);
    expect(refs.nextAttempt('s-1')).toBe(3);
  });

  it('restarts the count for a new session, and does not resume the old one', () => {
    const refs = createFaceReferences();
    refs.nextAttempt('s-1');
    refs.nextAttempt('s-1');
    expect(refs.nextAttempt('s-2')).toBe(1);
    expect(refs.nextAttempt('s-1')).toBe(1);
  });

  it('keeps the attempt count across setting the photo and reference of the same session', () => {
    const refs = createFaceReferences();
    refs.setCardPhoto('s-1', PHOTO());
    expect(refs.nextAttempt('s-1')).toBe(1);
    refs.setReference('s-1', EMBEDDING(), 'card', 'doc-key');
    expect(refs.nextAttempt('s-1')).toBe(2);
    expect(refs.reference('s-1')?.source).toBe('card');
  });

  it('restarts the count after keepOnly(another session)', () => {
    const refs = createFaceReferences();
    refs.nextAttempt('s-1');
    refs.keepOnly('s-2');
    expect(refs.nextAttempt('s-1')).toBe(1);
  });
});
