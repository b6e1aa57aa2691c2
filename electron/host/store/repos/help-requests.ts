import type { Database } from 'better-sqlite3';
import type { CallState, HelpRequest } from '../../../../shared/contract/help';

const COLUMNS = 'id, at, screen, service_id AS serviceId, state, call_state AS call, closed_by AS closedBy, closed_at AS closedAt';

/** Records a resident's request for help: the time, the screen and the service shown, nothing else. */
export function insertHelpRequest(db: Database, r: { at: number; screen: string; serviceId: string | null }): HelpRequest {
  const info = db.prepare("INSERT INTO help_requests (at, screen, service_id, state) VALUES (?, ?, ?, 'open')").run(r.at, r.screen, r.serviceId);
  return { id: Number(info.lastInsertRowid), at: r.at, screen: r.screen, serviceId: r.serviceId, state: 'open', call: null, closedBy: null, closedAt: null };
}

/** One request, or undefined. */
export function getHelpRequest(db: Database, id: number): HelpRequest | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM help_requests WHERE id = ?`).get(id) as HelpRequest | undefined;
}

/** Notes how the request's intercom call stands now. */
export function setHelpCallState(db: Database, id: number, call: CallState): void {
  db.prepare('UPDATE help_requests SET call_state = ? WHERE id = ?').run(call, id);
}

/** Marks an open request dealt with; false when it was not open. */
export function closeHelpRequest(db: Database, id: number, staffNumber: string, at: number): boolean {
  return db.prepare("UPDATE help_requests SET state = 'closed', closed_by = ?, closed_at = ? WHERE id = ? AND state = 'open'").run(staffNumber, at, id).changes === 1;
}

/** Every open request and the latest `closedLimit` closed ones, open first, newest first. */
export function listHelpRequests(db: Database, closedLimit: number): HelpRequest[] {
  const page = db.prepare(`SELECT ${COLUMNS} FROM help_requests WHERE state = ? ORDER BY at DESC, id DESC LIMIT ?`);
  return [...(page.all('open', -1) as HelpRequest[]), ...(page.all('closed', closedLimit) as HelpRequest[])];
}

/** How many requests are open, how many were closed since `since`, and when the newest was made. */
export function helpCounts(db: Database, since: number): { open: number; closedSince: number; lastAt: number | null } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM help_requests WHERE state = 'open') AS open,
              (SELECT count(*) FROM help_requests WHERE state = 'closed' AND closed_at >= ?) AS closedSince,
              (SELECT max(at) FROM help_requests) AS lastAt`,
    )
    .get(since) as { open: number; closedSince: number; lastAt: number | null };
}
