import type { Database } from 'better-sqlite3';

/** One rating: the service, the level, a reason code, the day. Nothing that could link it to a resident or a submission. */
export function insertRating(db: Database, r: { serviceId: string; level: number; reason: string | null; day: string }): void {
  db.prepare('INSERT INTO ratings (service_id, level, reason, day) VALUES (?, ?, ?, ?)').run(r.serviceId, r.level, r.reason, r.day);
}

/** Ratings per service and level, for the staff reports. */
export function countRatings(db: Database, opts: { fromDay?: string; toDay?: string } = {}): { serviceId: string; level: number; count: number }[] {
  return db
    .prepare(
      `SELECT service_id AS serviceId, level, count(*) AS count FROM ratings
       WHERE day >= ? AND day <= ? GROUP BY service_id, level ORDER BY service_id, level`,
    )
    .all(opts.fromDay ?? '0000-00-00', opts.toDay ?? '9999-99-99') as { serviceId: string; level: number; count: number }[];
}

/** Ratings per reason code (null: none given), for the staff reports. */
export function countRatingReasons(db: Database, opts: { fromDay: string; toDay: string }): { reason: string | null; count: number }[] {
  return db.prepare('SELECT reason, count(*) AS count FROM ratings WHERE day >= ? AND day <= ? GROUP BY reason ORDER BY reason').all(opts.fromDay, opts.toDay) as {
    reason: string | null;
    count: number;
  }[];
}
