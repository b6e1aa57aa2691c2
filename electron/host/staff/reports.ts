import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { reportSchema } from '../../../shared/contract';
import { localDate } from '../../../shared/flows/session';
import { RATING_REASONS } from '../../../shared/steps/rating/rating.step';
import { countRatingReasons, countRatings } from '../store/repos/ratings';

type Report = z.output<typeof reportSchema>;
const DAYS = 30;

/** Local midnight `daysBack` days before `now`. */
function midnight(now: Date, daysBack: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
}

const sorted = (counts: Map<string, number>) => [...counts].map(([serviceId, count]) => ({ serviceId, count })).sort((a, b) => b.count - a.count || a.serviceId.localeCompare(b.serviceId));

/**
 * The numbers staff read at the kiosk. Only the last 30 days are read, by the created_at index,
 * and counted here in the kiosk's local time (hours and days as the station lives them).
 */
export function buildReport(db: Database, nowMs: number): Report {
  const now = new Date(nowMs);
  const todayStart = midnight(now, 0).getTime();
  const from = midnight(now, DAYS - 1);
  const rows = db.prepare('SELECT service_id AS serviceId, created_at AS createdAt FROM submissions WHERE created_at >= ? AND created_at <= ?').all(from.getTime(), nowMs) as {
    serviceId: string;
    createdAt: number;
  }[];
  const byHourToday = Array.from({ length: 24 }, () => 0);
  const today = new Map<string, number>();
  const month = new Map<string, number>();
  const days = new Map<string, number>();
  for (let i = 0; i < DAYS; i++) days.set(localDate(midnight(now, DAYS - 1 - i)), 0);
  for (const row of rows) {
    const at = new Date(row.createdAt);
    month.set(row.serviceId, (month.get(row.serviceId) ?? 0) + 1);
    const day = localDate(at);
    if (days.has(day)) days.set(day, (days.get(day) ?? 0) + 1);
    if (row.createdAt >= todayStart) {
      today.set(row.serviceId, (today.get(row.serviceId) ?? 0) + 1);
      byHourToday[at.getHours()]! += 1;
    }
  }
  const period = { fromDay: localDate(from), toDay: localDate(now) };
  const byLevel = [0, 0, 0, 0, 0];
  for (const r of countRatings(db, period)) byLevel[r.level - 1]! += r.count;
  const count = byLevel.reduce((a, b) => a + b, 0);
  const average = count === 0 ? null : Math.round((byLevel.reduce((sum, n, i) => sum + n * (i + 1), 0) / count) * 10) / 10;
  return {
    today: localDate(now),
    byServiceToday: sorted(today),
    byHourToday,
    byDay: [...days].map(([day, n]) => ({ day, count: n })),
    byService30: sorted(month),
    ratings: { count, average, byLevel, ...countReasons(db, period) },
  };
}

/**
 * Ratings per reason over the period, every reason listed. A code this version does not know
 * (written by another) is counted as 'other', so the counts still add up to the ratings.
 */
function countReasons(db: Database, period: { fromDay: string; toDay: string }): Pick<Report['ratings'], 'byReason' | 'withoutReason'> {
  const byReason = new Map<(typeof RATING_REASONS)[number], number>(RATING_REASONS.map((r) => [r, 0]));
  let withoutReason = 0;
  for (const { reason, count } of countRatingReasons(db, period)) {
    if (reason === null) withoutReason += count;
    else {
      const known = RATING_REASONS.find((r) => r === reason) ?? 'other';
      byReason.set(known, (byReason.get(known) ?? 0) + count);
    }
  }
  return { byReason: [...byReason].map(([reason, n]) => ({ reason, count: n })), withoutReason };
}

