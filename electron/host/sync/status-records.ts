import type { Database } from 'better-sqlite3';
import { recordRemoteStatus, type SubmissionRow } from '../store/repos/submissions';
import { safeReason, type StatusResponse } from './uplink-protocol';

interface RemoteState {
  state: 'sent' | 'accepted' | 'rejected';
  remoteStatus: string | null;
  reason: string | null;
}

/** What the platform's status answer means for one submission; 'received' never takes back an acceptance. */
function nextState(row: SubmissionRow & { state: 'sent' | 'accepted' }, s: StatusResponse['statuses'][number] | undefined): RemoteState {
  const current: RemoteState = { state: row.state, remoteStatus: row.remoteStatus, reason: row.remoteReason };
  if (s === undefined) return current;
  switch (s.state) {
    case 'accepted':
      return { state: 'accepted', remoteStatus: s.certificateReady ? 'certificateReady' : 'accepted', reason: null };
    case 'rejected':
      return { state: 'rejected', remoteStatus: 'rejected', reason: safeReason(s.reason) ?? 'unspecified' };
    case 'received':
      return row.state === 'sent' ? { state: 'sent', remoteStatus: 'received', reason: null } : current;
  }
}

/**
 * Records a status answer for the submissions asked about, auditing each decision, in one
 * transaction. Returns how many decisions changed and how many references the platform did not know.
 */
export function recordStatuses(db: Database, rows: readonly SubmissionRow[], answer: StatusResponse, now: number): { updates: number; unknown: number } {
  const byRef = new Map(answer.statuses.map((s) => [s.reference, s]));
  let updates = 0;
  let unknown = 0;
  db.transaction(() => {
    for (const row of rows) {
      if (row.state !== 'sent' && row.state !== 'accepted') continue;
      const s = byRef.get(row.reference);
      if (s === undefined) unknown += 1;
      const next = nextState({ ...row, state: row.state }, s);
      // Written even when unchanged: it moves the row to the back of the pull order, so a
      // page of references the platform keeps quiet about cannot starve the rest.
      const note = (detail: Record<string, string | boolean | null>) => ({ actor: 'sync', detail });
      let audit: Parameters<typeof recordRemoteStatus>[3] = null;
      if (next.state !== row.state) {
        audit = { action: next.state, note: note(next.state === 'rejected' ? { reason: next.reason } : { certificateReady: next.remoteStatus === 'certificateReady' }) };
        updates += 1;
      } else if (next.remoteStatus === 'certificateReady' && row.remoteStatus !== 'certificateReady') {
        audit = { action: 'certificateReady', note: note({}) };
        updates += 1;
      } else if (next.remoteStatus !== row.remoteStatus || next.reason !== row.remoteReason) {
        audit = { action: 'remoteStatus', note: note({ remoteStatus: next.remoteStatus }) };
      }
      recordRemoteStatus(db, row.reference, { now, ...next }, audit);
    }
  })();
  return { updates, unknown };
}
