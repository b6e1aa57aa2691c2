import { describe, expect, it } from 'vitest';
import { commands, isBase64 } from '../../../../shared/contract';
import { MAX_FRAME_BASE64_LENGTH } from '../../../../shared/catalog/photo-spec';

const PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const request = commands['photo:check'].request;

describe('photo:check request', () => {
  it('isBase64 agrees with /^[A-Za-z0-9+/]+={0,2}$/', () => {
    const samples = ['', '=', '==', 'A', 'AB=', 'AB==', 'AB===', 'A=B', 'A=B=', '=AB', 'ab+/09', 'ab+/09=', 'ab cd', 'ab\ncd', 'abc-_', 'ab\u00e9', 'ab==\n', '/9j/4AAQSkZJRg=='];
    for (const text of samples) expect([text, isBase64(text)]).toEqual([text, PATTERN.test(text)]);
  });

  it('takes a frame up to the limit and refuses a longer text with one issue, without scanning it', () => {
    expect(request.safeParse({ jpegBase64: 'A'.repeat(MAX_FRAME_BASE64_LENGTH) }).success).toBe(true);
    const tooLong = request.safeParse({ jpegBase64: '!'.repeat(MAX_FRAME_BASE64_LENGTH + 1) });
    expect(tooLong.success).toBe(false);
    // Only the length: the character check (which would fail too) never ran.
    expect(tooLong.error?.issues.map((issue) => issue.code)).toEqual(['too_big']);
  });
});
