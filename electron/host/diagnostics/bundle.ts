import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { scrub } from '../log/logger';
import type { RecentCode } from '../log/recent-codes';
import { HEARTBEAT_CODE } from '../sync/uplink-protocol';
import { auditEntriesAfter, auditHead } from '../store/repos/audit-log';
import type { ArchiveFile } from './tar';

/** How many of the newest audit entries go in: months of a busy kiosk, a few MB. */
const AUDIT_ENTRIES = 20_000;

/** What the bundle reads; each part is a snapshot taken now. */
export interface BundleSources {
  db: Database;
  /** The folder of the rotating log files (kiosk.log, kiosk.log.1 …). */
  logDir: string;
  kioskId: string;
  version: string;
  startedAt: number;
  devices: () => unknown;
  counters: () => unknown;
  queue: () => unknown;
  supplies: () => unknown;
  heartbeatCodes: () => readonly RecentCode[];
  /** The settings, already without secrets (see diagnostics.ts). */
  config: () => unknown;
  now: () => number;
}

/** The bundle's files (the manifest last) and how many log lines were left out as possibly personal. */
export interface Bundle {
  folder: string;
  files: ArchiveFile[];
  droppedLines: number;
}

/** True when the logger's own redaction rules would blank something in the text: an ID number or a mobile number. */
export function looksPersonal(text: string): boolean {
  return scrub(text) !== text;
}

/** The text without any line that {@link looksPersonal}, and how many went. */
export function dropPersonalLines(text: string): { text: string; dropped: number } {
  let dropped = 0;
  const kept = text.split('\n').filter((line) => {
    if (!looksPersonal(line)) return true;
    dropped++;
    return false;
  });
  return { text: kept.join('\n'), dropped };
}

/** A copy with every string that {@link looksPersonal} replaced, for the JSON parts. */
export function blankPersonal(value: unknown): unknown {
  if (typeof value === 'string') return looksPersonal(value) ? '[redacted]' : value;
  if (Array.isArray(value)) return value.map(blankPersonal);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [looksPersonal(k) ? '[redacted]' : k, blankPersonal(v)]));
  return value;
}

// An audit detail is meant to hold codes and counts, but it is free-form: only numbers, flags and
// code-shaped strings go out, and never a row digest (a fingerprint of a sealed payload).
function auditDetail(detail: Record<string, string | number | boolean | null>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'digest' || key === 'beforeHead') continue;
    if (typeof value === 'string') {
      if (HEARTBEAT_CODE.test(value)) out[key] = value;
    } else out[key] = value;
  }
  return out;
}

/** The log files, oldest first, so that the lines read in time order. */
function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^kiosk\.log(\.\d+)?$/.test(n));
  } catch {
    return [];
  }
  const rank = (n: string) => (n === 'kiosk.log' ? 0 : Number(n.slice('kiosk.log.'.length)));
  return names.sort((a, b) => rank(b) - rank(a));
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(blankPersonal(value), null, 2)}\n`, 'utf8');
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Gathers logs, device history, audit actions, queue counts, supplies and settings, scrubbed, with a manifest of SHA-256 hashes. */
export function buildBundle(src: BundleSources): Bundle {
  const at = src.now();
  const folder = `kiosk-diagnostics-${src.kioskId}-${stamp(at)}`;
  const files: ArchiveFile[] = [];
  let droppedLines = 0;
  for (const name of logFiles(src.logDir)) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(src.logDir, name), 'utf8');
    } catch {
      continue;
    }
    const clean = dropPersonalLines(text);
    droppedLines += clean.dropped;
    files.push({ name: `logs/${name}`, data: Buffer.from(clean.text, 'utf8') });
  }
  const head = auditHead(src.db);
  const audit = auditEntriesAfter(src.db, Math.max(0, head.count - AUDIT_ENTRIES), AUDIT_ENTRIES).map((e) => ({
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: auditDetail(e.detail),
  }));
  const auditText = dropPersonalLines(audit.map((e) => JSON.stringify(blankPersonal(e))).join('\n'));
  droppedLines += auditText.dropped;
  files.push(
    { name: 'app.json', data: json({ kioskId: src.kioskId, version: src.version, startedAt: new Date(src.startedAt).toISOString(), madeAt: new Date(at).toISOString(), node: process.versions.node, platform: process.platform, arch: process.arch }) },
    { name: 'config.json', data: json(src.config()) },
    { name: 'devices.json', data: json({ statuses: src.devices(), countersSinceStart: src.counters() }) },
    { name: 'queue.json', data: json({ byState: src.queue() }) },
    { name: 'supplies.json', data: json(src.supplies()) },
    { name: 'heartbeat-codes.json', data: json(src.heartbeatCodes().map((c) => ({ ...c, lastAt: new Date(c.lastAt).toISOString() }))) },
    { name: 'audit.jsonl', data: Buffer.from(auditText.text ? `${auditText.text}\n` : '', 'utf8') },
  );
  const manifest = {
    kioskId: src.kioskId,
    version: src.version,
    madeAt: new Date(at).toISOString(),
    auditEntries: { total: head.count, included: audit.length },
    droppedLines,
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') })),
  };
  files.push({ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') });
  return { folder, files: files.map((f) => ({ name: `${folder}/${f.name}`, data: f.data })), droppedLines };
}
