/**
 * What the reference platform does with each request, in SQL: one transaction a request, the
 * kiosk's row locked first so that two requests of one kiosk never interleave, and every ingest
 * an INSERT ... ON CONFLICT DO NOTHING on a UNIQUE key.
 */
import type { PoolClient } from 'pg';
import type { z } from 'zod';
import type { Heartbeat } from '../../electron/host/sync/uplink-protocol';
import { GENESIS, itemSchema, type bodySchema } from '../fixtures/reference-receiver';

type SubmitBody = z.infer<typeof bodySchema>;
type Audit = NonNullable<SubmitBody['audit']>;
type ItemResult = { reference: string; status: 'stored' | 'duplicate' | 'invalid'; reason?: string };
/** The platform's answer to the audit part. */
export type AuditAnswer = { acceptedThrough: number } | { problem: 'regressed' | 'forked' | 'gap'; at: number };

/** Makes sure the kiosk has a row and locks it for the rest of the transaction. */
async function lockKiosk(db: PoolClient, kioskId: string): Promise<{ auditCount: number; auditMaxHead: number }> {
  await db.query('INSERT INTO kiosks (kiosk_id) VALUES ($1) ON CONFLICT DO NOTHING', [kioskId]);
  const { rows } = await db.query<{ audit_count: number; audit_max_head: number }>('SELECT audit_count, audit_max_head FROM kiosks WHERE kiosk_id = $1 FOR UPDATE', [kioskId]);
  const row = rows[0];
  if (!row) throw new Error('The kiosk row vanished inside its transaction.');
  return { auditCount: row.audit_count, auditMaxHead: row.audit_max_head };
}

/** Runs `work` in one transaction on a pooled connection. */
export async function inTransaction<T>(db: PoolClient, work: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    const result = await work();
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Stores a batch: what the UNIQUE keys let in is 'stored'; a key already held for the same
 * reference is 'duplicate'; a key held for another reference, or a reference held under another
 * key, is 'invalid'. Every answer is written to submission_answers. Then the audit part.
 */
export async function ingestSubmissions(db: PoolClient, body: SubmitBody, clientName: string | null): Promise<{ results: ItemResult[]; audit?: AuditAnswer }> {
  const kiosk = await lockKiosk(db, body.kioskId);
  const parsed = body.submissions.map((raw) => ({ raw, item: itemSchema.safeParse(raw) }));
  const valid = parsed.flatMap((p) => (p.item.success ? [p.item.data] : []));
  const inserted = new Set<string>();
  const held = new Map<string, string>();
  if (valid.length > 0) {
    const keys = valid.map((i) => i.idempotencyKey);
    const { rows } = await db.query<{ idempotency_key: string }>(
      `INSERT INTO submissions (idempotency_key, reference, kiosk_id, service_id, lang, created_at, payload, client_name)
       SELECT k, r, $7, s, l, c, p, $8
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[]) AS t(k, r, s, l, c, p)
       ON CONFLICT DO NOTHING
       RETURNING idempotency_key`,
      [keys, valid.map((i) => i.reference), valid.map((i) => i.serviceId), valid.map((i) => i.lang), valid.map((i) => i.createdAt), valid.map((i) => JSON.stringify(i.payload)), body.kioskId, clientName],
    );
    for (const row of rows) inserted.add(row.idempotency_key);
    const others = keys.filter((k) => !inserted.has(k));
    if (others.length > 0) {
      const found = await db.query<{ idempotency_key: string; reference: string }>('SELECT idempotency_key, reference FROM submissions WHERE idempotency_key = ANY($1)', [others]);
      for (const row of found.rows) held.set(row.idempotency_key, row.reference);
    }
  }
  const results: ItemResult[] = parsed.map(({ raw, item }) => {
    if (!item.success) {
      const reference = (raw as { reference?: unknown } | null)?.reference;
      return { reference: typeof reference === 'string' ? reference : '', status: 'invalid', reason: 'schema' };
    }
    const { idempotencyKey: key, reference } = item.data;
    if (inserted.has(key)) {
      // A key twice in one batch: the first is stored, the second is the duplicate.
      inserted.delete(key);
      held.set(key, reference);
      return { reference, status: 'stored' };
    }
    const heldFor = held.get(key);
    if (heldFor === undefined) return { reference, status: 'invalid', reason: 'referenceConflict' };
    return heldFor === reference ? { reference, status: 'duplicate' } : { reference, status: 'invalid', reason: 'keyConflict' };
  });
  const answered = parsed.map((p, i) => ({ key: p.item.success ? p.item.data.idempotencyKey : '', result: results[i]! }));
  await db.query(
    'INSERT INTO submission_answers (idempotency_key, kiosk_id, status, reason) SELECT k, $4, s, r FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, s, r)',
    [answered.map((a) => a.key), answered.map((a) => a.result.status), answered.map((a) => a.result.reason ?? null), body.kioskId],
  );
  if (!body.audit) return { results };
  return { results, audit: await checkAudit(db, body.kioskId, kiosk, body.audit) };
}

/**
 * The audit check of the reference receiver, on the rows the platform holds: a head below one
 * seen before is 'regressed', an entry held with another hash 'forked', entries that do not chain
 * on from what is held a 'gap'. Entries before a problem are kept; each problem is written down.
 */
async function checkAudit(db: PoolClient, kioskId: string, kiosk: { auditCount: number; auditMaxHead: number }, audit: Audit): Promise<AuditAnswer> {
  const flag = async (problem: 'regressed' | 'forked' | 'gap', at: number): Promise<AuditAnswer> => {
    await db.query('INSERT INTO audit_alerts (kiosk_id, problem, at) VALUES ($1, $2, $3)', [kioskId, problem, at]);
    return { problem, at };
  };
  if (audit.head.count < kiosk.auditMaxHead) return flag('regressed', audit.head.count);
  const wanted = [...new Set([...audit.entries.flatMap((e) => [e.seq, e.seq - 1]), audit.head.count])];
  const { rows } = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_entries WHERE kiosk_id = $1 AND seq = ANY($2)', [kioskId, wanted]);
  const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
  const accepted: Audit['entries'] = [];
  const keep = async () => {
    if (accepted.length === 0) return;
    await db.query(
      'INSERT INTO audit_entries (kiosk_id, seq, hash, prev_hash, entry) SELECT $1, s, h, p, e FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[]) AS t(s, h, p, e) ON CONFLICT DO NOTHING',
      [kioskId, accepted.map((e) => e.seq), accepted.map((e) => e.hash), accepted.map((e) => e.prevHash), accepted.map((e) => JSON.stringify(e))],
    );
    // Accepted entries chain on from 1..audit_count, so the held entries stay one unbroken run.
    kiosk.auditCount = Math.max(kiosk.auditCount, ...accepted.map((e) => e.seq));
    await db.query('UPDATE kiosks SET audit_count = $2 WHERE kiosk_id = $1', [kioskId, kiosk.auditCount]);
  };
  for (const entry of audit.entries) {
    const held = hashes.get(entry.seq);
    if (held !== undefined) {
      if (held !== entry.hash) return keep().then(() => flag('forked', entry.seq));
      continue;
    }
    const before = entry.seq === 1 ? GENESIS : hashes.get(entry.seq - 1);
    if (before === undefined) return keep().then(() => flag('gap', entry.seq));
    if (before !== entry.prevHash) return keep().then(() => flag('forked', entry.seq));
    hashes.set(entry.seq, entry.hash);
    accepted.push(entry);
  }
  await keep();
  const headHeld = hashes.get(audit.head.count);
  if (audit.head.count > 0 && headHeld !== undefined && headHeld !== audit.head.hash) return flag('forked', audit.head.count);
  await db.query('UPDATE kiosks SET audit_max_head = GREATEST(audit_max_head, $2) WHERE kiosk_id = $1', [kioskId, audit.head.count]);
  return { acceptedThrough: kiosk.auditCount };
}

/** The platform's decisions on the kiosk's own submissions; references it does not hold are left out. */
export async function statusesOf(db: PoolClient, kioskId: string, references: readonly string[]): Promise<unknown[]> {
  const { rows } = await db.query<{ reference: string; state: 'received' | 'accepted' | 'rejected'; reason: string | null; certificate_ready: boolean }>(
    'SELECT reference, state, reason, certificate_ready FROM submissions WHERE kiosk_id = $1 AND reference = ANY($2)',
    [kioskId, references],
  );
  return rows.map((r) => {
    if (r.state === 'accepted') return { reference: r.reference, state: r.state, certificateReady: r.certificate_ready };
    if (r.state === 'rejected') return { reference: r.reference, state: r.state, reason: r.reason ?? 'unspecified' };
    return { reference: r.reference, state: r.state };
  });
}

/** Staff's review decisions, kept once per (kiosk, id); every id sent is answered as kept. */
export async function ingestReviews(db: PoolClient, kioskId: string, reviews: readonly ({ id: number; reference: string; decision: string } & Record<string, unknown>)[]): Promise<number[]> {
  await db.query(
    'INSERT INTO reviews (kiosk_id, review_id, reference, decision, body) SELECT $1, i, r, d, b FROM unnest($2::bigint[], $3::text[], $4::text[], $5::jsonb[]) AS t(i, r, d, b) ON CONFLICT DO NOTHING',
    [kioskId, reviews.map((r) => r.id), reviews.map((r) => r.reference), reviews.map((r) => r.decision), reviews.map((r) => JSON.stringify(r))],
  );
  return reviews.map((r) => r.id);
}

/** A heartbeat, kept once per (kiosk, key): one sent again after a lost answer is not a second one. */
export async function ingestHeartbeat(db: PoolClient, key: string, hb: Heartbeat): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO heartbeats (kiosk_id, idempotency_key, started_at, seq, reason, made_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
    [hb.kioskId, key, hb.startedAt, hb.seq, hb.reason, hb.at, JSON.stringify(hb)],
  );
  return rowCount === 1;
}

/** Lookup parameters as one key: sorted, so the order they came in does not matter. */
export function paramsKey(params: Record<string, string>): string {
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What the platform holds for a lookup, and a note that the kiosk asked (the kind, never the parameters). */
export async function lookup(db: PoolClient, kioskId: string, kind: string, params: Record<string, string>): Promise<unknown> {
  const { rows } = await db.query<{ data: unknown }>('SELECT data FROM lookup_data WHERE kind = $1 AND params_key = $2', [kind, paramsKey(params)]);
  await db.query('INSERT INTO lookup_requests (kiosk_id, kind, found) VALUES ($1, $2, $3)', [kioskId, kind, rows.length > 0]);
  return rows[0]?.data;
}
