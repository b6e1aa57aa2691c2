import { describe, expect, it } from 'vitest';
import { safeReason } from '../../../../../electron/host/sync/uplink-protocol';

describe('safeReason: what of a platform reason reaches the queue, logs and audit', () => {
  it.each(['duplicateApplication', 'missing:photo', 'rule.age-16', 'E4012', 'policy_v2.3'])('keeps the code %s', (code) => {
    expect(safeReason(code)).toBe(code);
  });

  it.each([
    ['a bare ID number', '110101199003077777'],
    ['an ID number behind a prefix', 'id:110101199003077777'],
    ['a phone number', 'phone-13800001234'],
    ['a sentence', 'Applicant Zhang San is not eligible'],
    ['too long', `x${'a'.repeat(64)}`],
    ['empty', ''],
    ['starting with a digit', '4012'],
  ])('replaces %s', (_what, reason) => {
    expect(safeReason(reason)).toBe('unspecified');
  });

  it('says nothing when there is no reason', () => {
    expect(safeReason(undefined)).toBeNull();
  });
});
