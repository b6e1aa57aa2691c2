import type { Database } from 'better-sqlite3';

/**
 * Queries run during service and sync stop growing with the history (issue 13):
 *
 * - `submissions_awaiting`: the status pull (`listAwaitingDecision`) reads the submissions that
 *   await the platform's decision oldest-update first; a partial index on exactly its WHERE,
 *   ordered by `updated_at`, answers a page without the sort through a temporary B-tree that
 *   read every sent and accepted row.
 * - `submission_counts`: the settled states (sent, accepted, rejected) are the whole history,
 *   so their counts are kept, by triggers in the same transaction as every change of a row's
 *   state, whoever writes it. The live states (queued, sending, failed) are small sets counted
 *   through `submissions_state_created`; an enqueue (a queued row) does not touch the counters.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX submissions_awaiting ON submissions (updated_at)
      WHERE state = 'sent' OR (state = 'accepted' AND remote_status IS NOT 'certificateReady');

    CREATE TABLE submission_counts (
      state TEXT PRIMARY KEY CHECK (state IN ('sent', 'accepted', 'rejected')),
      n INTEGER NOT NULL CHECK (n >= 0)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO submission_counts (state, n) VALUES ('sent', 0), ('accepted', 0), ('rejected', 0);
    UPDATE submission_counts SET n = (SELECT count(*) FROM submissions WHERE submissions.state = submission_counts.state);

    CREATE TRIGGER submission_counts_insert AFTER INSERT ON submissions
      WHEN NEW.state IN ('sent', 'accepted', 'rejected')
      BEGIN UPDATE submission_counts SET n = n + 1 WHERE state = NEW.state; END;
    CREATE TRIGGER submission_counts_delete AFTER DELETE ON submissions
      WHEN OLD.state IN ('sent', 'accepted', 'rejected')
      BEGIN UPDATE submission_counts SET n = n - 1 WHERE state = OLD.state; END;
    CREATE TRIGGER submission_counts_update AFTER UPDATE OF state ON submissions
      WHEN OLD.state IS NOT NEW.state
        AND (OLD.state IN ('sent', 'accepted', 'rejected') OR NEW.state IN ('sent', 'accepted', 'rejected'))
      BEGIN
        UPDATE submission_counts SET n = n - 1 WHERE state = OLD.state;
        UPDATE submission_counts SET n = n + 1 WHERE state = NEW.state;
      END;
  `);
}
