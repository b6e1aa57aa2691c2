import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../../../electron/host/staff/reports';
import { openDatabase } from '../../../../../electron/host/store/db';
import { insertRating } from '../../../../../electron/host/store/repos/ratings';
import { RATING_REASONS } from '../../../../../shared/steps/rating/rating.step';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';

let dir: string;
let db: Database;
let seq = 0;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-report-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer: testSealer(), auditKey: testAuditKey() });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A submission row at a local time (the report counts in the kiosk's local time). */
function submitted(serviceId: string, at: Date): void {
  seq += 1;
  db.prepare(
    "INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at) VALUES (?, ?, ?, 'queued', 'zh-CN', x'01', ?, ?)",
  ).run(`JN-T${seq}`, `k${seq}`, serviceId, at.getTime(), at.getTime());
}

describe('buildReport', () => {
  it('counts today per service and hour, the 30 days per day and service, and the ratings', () => {
    const now = new Date(2026, 11, 3, 15, 30);
    submitted('noCriminalRecord', new Date(2026, 11, 3, 9, 5));
    submitted('noCriminalRecord', new Date(2026, 11, 3, 9, 55));
    submitted('trafficFines', new Date(2026, 11, 3, 14, 0));
    submitted('trafficFines', new Date(2026, 11, 2, 23, 59));
    submitted('trafficFines', new Date(2026, 10, 4, 8, 0)); // the 30th day back: counted
    submitted('trafficFines', new Date(2026, 10, 3, 23, 0)); // the 31st: not
    insertRating(db, { serviceId: 'trafficFines', level: 5, reason: null, day: '2026-12-03' });
    insertRating(db, { serviceId: 'trafficFines', level: 4, reason: null, day: '2026-12-01' });
    insertRating(db, { serviceId: 'noCriminalRecord', level: 2, reason: 'slow', day: '2026-10-01' });

    const report = buildReport(db, now.getTime());
    expect(report.today).toBe('2026-12-03');
    expect(report.byServiceToday).toEqual([
      { serviceId: 'noCriminalRecord', count: 2 },
      { serviceId: 'trafficFines', count: 1 },
    ]);
    expect(report.byHourToday[9]).toBe(2);
    expect(report.byHourToday[14]).toBe(1);
    expect(report.byHourToday.reduce((a, b) => a + b, 0)).toBe(3);
    expect(report.byDay).toHaveLength(30);
    expect(report.byDay[0]).toEqual({ day: '2026-11-04', count: 1 });
    expect(report.byDay.at(-2)).toEqual({ day: '2026-12-02', count: 1 });
    expect(report.byDay.at(-1)).toEqual({ day: '2026-12-03', count: 3 });
    expect(report.byService30).toEqual([
      { serviceId: 'trafficFines', count: 3 },
      { serviceId: 'noCriminalRecord', count: 2 },
    ]);
    expect(report.ratings).toMatchObject({ count: 2, average: 4.5, byLevel: [0, 0, 0, 1, 1], withoutReason: 2 });
  });

  it('counts the ratings per reason over the 30 days shown, every reason listed, and those given none', () => {
    const now = new Date(2026, 11, 3, 15, 30);
    const rate = (level: number, reason: string | null, day: string) => insertRating(db, { serviceId: 'trafficFines', level, reason, day });
    rate(5, 'fast', '2026-12-03');
    rate(4, 'fast', '2026-11-04'); // the 30th day back: counted
    rate(2, 'slow', '2026-12-01');
    rate(1, 'deviceFault', '2026-12-02');
    rate(3, null, '2026-12-02');
    rate(1, 'slow', '2026-11-03'); // the 31st day back: not counted
    rate(5, 'clear', '2026-12-04'); // tomorrow (a clock put back): not counted
    // A code written by another version is not lost: it is counted as "other".
    rate(3, 'tooNoisy', '2026-12-03');

    const { ratings } = buildReport(db, now.getTime());
    expect(ratings.byReason).toEqual([
      { reason: 'fast', count: 2 },
      { reason: 'easy', count: 0 },
      { reason: 'clear', count: 0 },
      { reason: 'slow', count: 1 },
      { reason: 'confusing', count: 0 },
      { reason: 'deviceFault', count: 1 },
      { reason: 'other', count: 1 },
    ]);
    expect(ratings.withoutReason).toBe(1);
    // Every rating of the period is under one reason or none.
    expect(ratings.byReason.reduce((a, r) => a + r.count, ratings.withoutReason)).toBe(ratings.count);
    expect(ratings.count).toBe(6);
  });

  it('an empty kiosk: zeros, no average', () => {
    const report = buildReport(db, new Date(2026, 11, 3, 8).getTime());
    expect(report.byServiceToday).toEqual([]);
    expect(report.byDay.every((d) => d.count === 0)).toBe(true);
    expect(report.ratings).toEqual({
      count: 0,
      average: null,
      byLevel: [0, 0, 0, 0, 0],
      byReason: RATING_REASONS.map((reason) => ({ reason, count: 0 })),
      withoutReason: 0,
    });
  });
});
