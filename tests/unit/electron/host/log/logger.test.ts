import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingFileSink } from '../../../../../electron/host/log/file-sink';
import { createLogger, scrub, tee } from '../../../../../electron/host/log/logger';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('logger', () => {
  it('writes one JSON object a line with time, level and event, and filters by level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l) });
    log.debug('not.shown');
    log.info('queue.enqueued', { reference: 'JN-K01A-7QXZ-3', count: 2 });
    log.error('printer.failed', { code: 'deviceNotReady' });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith('\n')).toBe(true);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ level: 'info', event: 'queue.enqueued', reference: 'JN-K01A-7QXZ-3', count: 2 });
    expect(Number.isNaN(Date.parse(String(first.time)))).toBe(false);
  });

  it('blanks anything shaped like an ID number or a mobile number, even by mistake', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.warn('oops', { note: 'id 110105198003150012 phone 13912345678 legacy 110105800315001', reference: 'JN-K01A-7QXZ-3' });
    const text = lines.join('');
    expect(text).not.toContain('110105198003150012');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('110105800315001');
    expect(text).toContain('JN-K01A-7QXZ-3');
    expect(scrub('11010519800315001x')).toBe('[redacted]');
  });

  it('tee writes to every sink', () => {
    const a: string[] = [];
    const b: string[] = [];
    tee((l) => a.push(l), (l) => b.push(l))('x');
    expect([a, b]).toEqual([['x'], ['x']]);
  });
});

describe('rotating file sink', () => {
  it('rotates past the size limit and keeps a bounded number of files, mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-logs-'));
    dirs.push(dir);
    const sink = createRotatingFileSink({ dir, maxBytes: 1000, maxFiles: 3 });
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 100; i++) sink.write(line);
    sink.close();
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2', 'kiosk.log.3']);
    for (const f of files) {
      const size = fs.statSync(path.join(dir, f)).size;
      expect(size).toBeLessThanOrEqual(1000);
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    }
    // No line is split across files.
    for (const f of files) expect(fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).every((l) => l.length === 99)).toBe(true);
  });

  it('appends to an existing log after a restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-logs-'));
    dirs.push(dir);
    const a = createRotatingFileSink({ dir });
    a.write('first\n');
    a.close();
    const b = createRotatingFileSink({ dir });
    b.write('second\n');
    b.close();
    expect(fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).toBe('first\nsecond\n');
  });
});
