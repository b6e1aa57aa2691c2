import { describe, expect, it } from 'vitest';
import { decideAtRestart, decideAtStart, markHealthy, MAX_FAILED_STARTS, recordInstall } from '../../../../../electron/host/supervisor/update-policy';
import { NO_UPDATE, type UpdateState } from '../../../../../electron/host/supervisor/update-state';

const verified = { version: '1.1.0', verified: true };

describe('decideAtRestart', () => {
  it('installs a verified update that is not the running version', () => {
    expect(decideAtRestart({ running: '1.0.0', downloaded: verified, state: NO_UPDATE, installing: false })).toEqual({ kind: 'install', version: '1.1.0' });
  });

  it.each([
    ['nothing downloaded', { downloaded: null }, 'noUpdate'],
    ['an unverified download', { downloaded: { version: '1.1.0', verified: false } }, 'notVerified'],
    ['the running version again', { running: '1.1.0' }, 'sameVersion'],
    ['a version that was rolled back', { state: { ...NO_UPDATE, rejected: ['1.1.0'] } }, 'rejected'],
    ['an install already under way', { installing: true }, 'alreadyInstalling'],
  ])('only restarts with %s', (_name, change, why) => {
    expect(decideAtRestart({ running: '1.0.0', downloaded: verified, state: NO_UPDATE, installing: false, ...change })).toEqual({ kind: 'restart', why });
  });
});

/** The state after each start of the new version, crashing before its first screen every time. */
function failingStarts(starts: number): ReturnType<typeof decideAtStart>[] {
  let state: UpdateState = recordInstall(NO_UPDATE, '1.0.0', '1.1.0');
  const out = [];
  for (let i = 0; i < starts; i += 1) {
    const decision = decideAtStart(state, '1.1.0');
    out.push(decision);
    state = decision.state;
  }
  return out;
}

describe('decideAtStart', () => {
  it('starts as usual when nothing is on trial', () => {
    expect(decideAtStart(NO_UPDATE, '1.0.0')).toEqual({ kind: 'normal', state: NO_UPDATE });
  });

  it(`rolls back at the start after ${MAX_FAILED_STARTS} failed starts, and not before`, () => {
    const decisions = failingStarts(MAX_FAILED_STARTS + 1);
    expect(decisions.map((d) => d.kind)).toEqual(['trial', 'trial', 'rollback']);
    expect(decisions.map((d) => d.state.attempts)).toEqual([1, 2, 0]);
    expect(decisions[2]).toEqual({ kind: 'rollback', from: '1.0.0', to: '1.1.0', state: { ...NO_UPDATE, rejected: ['1.1.0'] } });
  });

  it('never rolls back a version that reached its first screen, however often it restarts later', () => {
    const [first] = failingStarts(1);
    const healthy = markHealthy(first?.state ?? NO_UPDATE, '1.1.0');
    expect(healthy).toEqual(NO_UPDATE);
    for (let i = 0; i < 5; i += 1) expect(decideAtStart(healthy, '1.1.0').kind).toBe('normal');
  });

  it('honours a smaller limit', () => {
    const state = recordInstall(NO_UPDATE, '1.0.0', '1.1.0');
    const first = decideAtStart(state, '1.1.0', 1);
    expect(first.kind).toBe('trial');
    expect(decideAtStart(first.state, '1.1.0', 1).kind).toBe('rollback');
  });

  it('gives an update up when the old version starts again (the installer did not run)', () => {
    const state = recordInstall(NO_UPDATE, '1.0.0', '1.1.0');
    expect(decideAtStart(state, '1.0.0')).toEqual({ kind: 'installFailed', version: '1.1.0', state: { ...NO_UPDATE, rejected: ['1.1.0'] } });
  });

  it('keeps the rejected list and does not list a version twice', () => {
    const state: UpdateState = { from: '1.0.0', to: '1.1.0', attempts: 2, rejected: ['1.1.0', '0.9.0'] };
    expect(decideAtStart(state, '1.1.0').state.rejected).toEqual(['1.1.0', '0.9.0']);
    expect(decideAtStart({ ...NO_UPDATE, rejected: ['0.9.0'] }, '1.0.0').state.rejected).toEqual(['0.9.0']);
  });
});

describe('markHealthy', () => {
  it('ends the trial of the running version only', () => {
    const trial: UpdateState = { from: '1.0.0', to: '1.1.0', attempts: 1, rejected: ['0.9.0'] };
    expect(markHealthy(trial, '1.1.0')).toEqual({ ...NO_UPDATE, rejected: ['0.9.0'] });
    expect(markHealthy(trial, '1.0.0')).toBe(trial);
    expect(markHealthy(NO_UPDATE, '1.1.0')).toBe(NO_UPDATE);
  });
});
