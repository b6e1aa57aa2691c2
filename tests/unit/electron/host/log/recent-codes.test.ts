import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../electron/host/log/logger';
import { RecentCodes, recordingLogger } from '../../../../../electron/host/log/recent-codes';

describe('RecentCodes', () => {
  it('counts warnings and errors by event and code, newest first, and keeps the last ten kinds', () => {
    let t = 1_000;
    const codes = new RecentCodes(() => t);
    const lines: string[] = [];
    const log = recordingLogger(createLogger({ level: 'debug', write: (l) => lines.push(l) }), codes);
    log.info('uplink.started', { batchSize: 50 });
    log.warn('uplink.platformTrouble', { platform: 'unreachable', error: 'network:ECONNREFUSED' });
    t = 2_000;
    log.error('print.failed', { code: 'hardwareError' });
    t = 3_000;
    log.warn('uplink.platformTrouble', { platform: 'unreachable', error: 'network:ECONNREFUSED' });
    expect(codes.list()).toEqual([
      { event: 'uplink.platformTrouble', code: 'network:ECONNREFUSED', count: 2, lastAt: 3_000 },
      { event: 'print.failed', code: 'hardwareError', count: 1, lastAt: 2_000 },
    ]);
    // The logger still writes every line.
    expect(lines).toHaveLength(4);

    for (let i = 0; i < 12; i++) log.warn(`device.fault${String.fromCharCode(97 + i)}`);
    expect(codes.list()).toHaveLength(10);
    expect(codes.list()[0]!.event).toBe('device.faultl');
    expect(codes.list().some((c) => c.event === 'uplink.platformTrouble')).toBe(false);
  });

  it('keeps nothing shaped like an ID number, a phone number or free text', () => {
    const codes = new RecentCodes(() => 0);
    codes.note('uplink.submissionFailed', { error: 'invalid:110105198003150012' });
    codes.note('lookup.failed', { code: '13912345678' });
    codes.note('print.failed', { code: 'paper jammed near 张伟明' });
    codes.note('张伟明 110105198003150012');
    expect(codes.list()).toEqual([
      { event: 'print.failed', code: null, count: 1, lastAt: 0 },
      { event: 'lookup.failed', code: null, count: 1, lastAt: 0 },
      { event: 'uplink.submissionFailed', code: null, count: 1, lastAt: 0 },
    ]);
  });
});
