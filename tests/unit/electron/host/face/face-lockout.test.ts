import { describe, expect, it } from 'vitest';
import { createFaceLockout, FACE_LOCKOUT } from '../../../../../electron/host/face/face-lockout';

const HOUR = 60 * 60 * 1000;
const PERMIT = { type: 'CS', number: 'C12345678' };

describe('the face check lockout by document', () => {
  it('locks a document after three misses within a day, whatever the sessions', () => {
    const lockout = createFaceLockout();
    const key = lockout.keyOf(PERMIT);
    expect(FACE_LOCKOUT).toEqual({ misses: 3, windowMs: 24 * HOUR });
    lockout.record(key, 0);
    lockout.record(key, HOUR);
    expect(lockout.locked(key, 2 * HOUR)).toBe(false);
    lockout.record(key, 2 * HOUR);
    expect(lockout.locked(key, 2 * HOUR)).toBe(true);
  });

  it('forgets misses older than the window: a day after the first, two remain and it opens again', () => {
    const lockout = createFaceLockout();
    const key = lockout.keyOf(PERMIT);
    for (const at of [0, HOUR, 2 * HOUR]) lockout.record(key, at);
    expect(lockout.locked(key, 24 * HOUR - 1)).toBe(true);
    expect(lockout.locked(key, 24 * HOUR)).toBe(false);
    lockout.record(key, 24 * HOUR);
    expect(lockout.locked(key, 24 * HOUR)).toBe(true);
  });

  it('keys each document apart, and never as its number', () => {
    const lockout = createFaceLockout();
    const key = lockout.keyOf(PERMIT);
    expect(key).not.toContain(PERMIT.number);
    expect(key).toBe(lockout.keyOf({ ...PERMIT }));
    expect(lockout.keyOf({ type: 'CD', number: PERMIT.number })).not.toBe(key);
    expect(lockout.keyOf({ type: 'CS', number: 'C12345679' })).not.toBe(key);
    // Another kiosk, or this one after a restart, makes other keys.
    expect(createFaceLockout().keyOf(PERMIT)).not.toBe(key);
    for (const at of [0, 1, 2]) lockout.record(key, at);
    expect(lockout.locked(lockout.keyOf({ type: 'CS', number: 'C12345679' }), 3)).toBe(false);
  });

  it('takes other limits', () => {
    const lockout = createFaceLockout({ misses: 1, windowMs: 10 });
    const key = lockout.keyOf(PERMIT);
    lockout.record(key, 100);
    expect(lockout.locked(key, 109)).toBe(true);
    expect(lockout.locked(key, 110)).toBe(false);
  });
});
