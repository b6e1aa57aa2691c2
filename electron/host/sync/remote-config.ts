import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';
import { getSetting, setSetting } from '../store/repos/settings';
import type { TransportRequest, TransportResponse } from './http-transport';
import { configEtag, kioskConfigSchema, type KioskConfig } from './uplink-protocol';

/** Where a configuration from the platform is applied: the SettingsStore, with its own checks. */
export interface ConfigTarget {
  /** The version the platform last set; 0 before any. */
  configVersion(): number;
  /** Applies the configuration whole (and audits it), or none of it, saying why. */
  applyRemote(config: KioskConfig): { changed: string[] } | { refused: string };
}

/** What one pull came to: the platform's answer, and what the kiosk made of it. */
export type PullOutcome = 'none' | 'unchanged' | 'applied' | 'refused' | 'stale' | { failed: string };

// The last version refused: asked for as "seen" so the platform answers 304 until it has a new one.
const REFUSED_KEY = 'config.refusedVersion';

/**
 * The kiosk's side of remote configuration: asks for the platform's configuration with the
 * version it already has (If-None-Match), so an unchanged one costs a 304 and no body; applies
 * a newer version whole, refuses a bad one whole (audited with a code), ignores an older one.
 */
export class RemoteConfig {
  private staleWarned = 0;

  constructor(
    private readonly db: Database,
    private readonly target: ConfigTarget,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /** The version applied (0: none), for the heartbeat. */
  version(): number {
    return this.target.configVersion();
  }

  /** The request: the newest version seen, applied or refused, as the ETag it had. */
  request(): Omit<TransportRequest, 'signal'> {
    const seen = this.seenVersion();
    return { method: 'GET', path: '/kiosk-config', headers: seen > 0 ? { 'if-none-match': configEtag(seen) } : {} };
  }

  /** Takes the platform's answer; statuses other than 200, 304 and 404 are the uplink's to note. */
  receive(response: TransportResponse): PullOutcome {
    if (response.status === 304) return 'unchanged';
    // No configuration for this kiosk: it keeps what it has.
    if (response.status === 404) return 'none';
    if (response.status !== 200) return { failed: `http${response.status}` };
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      return { failed: 'badResponse' };
    }
    const version = versionOf(json);
    if (version === null) return { failed: 'badResponse' };
    // No rollback by replay: an older configuration (or the same one again) changes nothing.
    if (version <= this.seenVersion()) {
      if (version < this.target.configVersion() && version !== this.staleWarned) {
        this.staleWarned = version;
        this.log.warn('config.stale', { version, applied: this.target.configVersion() });
      }
      return version === this.target.configVersion() ? 'unchanged' : 'stale';
    }
    const parsed = kioskConfigSchema.safeParse(json);
    const outcome = parsed.success ? this.target.applyRemote(parsed.data) : { refused: `schema:${parsed.error.issues[0]?.path.slice(0, 2).join('.') || 'config'}` };
    if ('changed' in outcome) return 'applied';
    // The code only: a refused value could be anything the platform sent.
    this.db.transaction(() => {
      setSetting(this.db, REFUSED_KEY, String(version));
      appendAudit(this.db, { actor: 'platform', action: 'config.refused', subject: null, detail: { version, code: outcome.refused } }, this.now());
    })();
    // A warning, so the next heartbeat's recent codes carry it to the platform.
    this.log.warn('config.refused', { version, code: outcome.refused });
    return 'refused';
  }

  private seenVersion(): number {
    const refused = Number(getSetting(this.db, REFUSED_KEY) ?? '0');
    return Math.max(this.target.configVersion(), Number.isSafeInteger(refused) ? refused : 0);
  }
}

function versionOf(json: unknown): number | null {
  const version = (json as { version?: unknown } | null)?.version;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : null;
}
