import type { Database } from 'better-sqlite3';
import { findService } from '../../../shared/catalog/services';
import { kioskSettingsSchema, noticesSchema, type KioskSettings, type Lang, type Notice, type PublicSettings } from '../../../shared/contract';
import { InvalidRequestError } from '../errors';
import type { Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';
import { getSetting, setSetting } from '../store/repos/settings';

const KEY = 'kiosk.settings';
const NOTICES_KEY = 'kiosk.notices';
// The last configuration version the platform set (see RemoteConfig in sync/remote-config.ts).
const CONFIG_VERSION_KEY = 'config.version';

/** Why a configuration from the platform was refused: a code, never a value. */
export type SettingsProblem = 'unknownService' | 'defaultLangDropped' | 'noticeWithoutDefaultLang' | `schema:${string}`;

/** What the platform sets: a new version, the settings it names, and the notices. */
export interface RemoteSettings {
  version: number;
  settings: Partial<KioskSettings>;
  notices: Notice[];
}

/**
 * The settings an admin changes at the kiosk, kept in the database: services on or off,
 * counter hours, idle times, languages, the station's name and phone; and the same set by the
 * platform (applyRemote), with the welcome screen's notices. A stored value that no longer
 * passes the schema is ignored for the defaults (and logged), never half-applied.
 */
export class SettingsStore {
  private current: KioskSettings;
  private currentNotices: Notice[];

  constructor(private readonly deps: { db: Database; log: Logger; now: () => number; defaults: KioskSettings; defaultLang: Lang; onChange: (s: KioskSettings) => void }) {
    this.current = this.load();
    this.currentNotices = this.loadNotices();
  }

  get(): KioskSettings {
    return this.current;
  }

  public(): PublicSettings {
    const { disabledServices, serviceHours, languages, stationName, stationPhone } = this.current;
    return { disabledServices, serviceHours, languages, stationName, stationPhone, notices: this.currentNotices, defaultLang: this.deps.defaultLang };
  }

  save(staffNumber: string, next: KioskSettings): KioskSettings {
    // The notices are the platform's, checked when it set them; an admin does not change them.
    const problem = this.problemWith(next, []);
    if (problem === 'unknownService') {
      const unknown = [...next.disabledServices, ...Object.keys(next.serviceHours)].filter((id) => !findService(id));
      throw new InvalidRequestError(`${unknown.length} of the services named are not services of this kiosk.`);
    }
    if (problem !== null) throw new InvalidRequestError(`The kiosk's own language (${this.deps.defaultLang}) must stay offered.`);
    const changed = this.changedFields(next);
    if (changed.length === 0) return this.current;
    this.write(next, this.currentNotices, { actor: `staff:${staffNumber}`, action: 'settings.changed', detail: { changed: changed.join(',') } });
    this.deps.log.info('settings.changed', { changed: changed.join(',') });
    this.deps.onChange(next);
    return next;
  }

  /** The configuration version the platform last set; 0 before it set any. */
  configVersion(): number {
    const stored = Number(getSetting(this.deps.db, CONFIG_VERSION_KEY) ?? '0');
    return Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
  }

  /**
   * Applies the platform's configuration whole, checked by the same rules as an admin's save,
   * or applies none of it and returns why. The settings it names take the place of the
   * kiosk's (an admin's earlier change included); those it leaves out stay.
   */
  applyRemote(remote: RemoteSettings): { changed: string[] } | { refused: SettingsProblem } {
    const parsed = kioskSettingsSchema.safeParse({ ...this.current, ...remote.settings });
    if (!parsed.success) return { refused: `schema:${parsed.error.issues[0]?.path.slice(0, 1).join('.') ?? 'settings'}` };
    const notices = noticesSchema.safeParse(remote.notices);
    if (!notices.success) return { refused: 'schema:notices' };
    const next = parsed.data;
    const problem = this.problemWith(next, notices.data);
    if (problem !== null) return { refused: problem };
    const changed = this.changedFields(next);
    const noticesChanged = JSON.stringify(notices.data) !== JSON.stringify(this.currentNotices);
    if (noticesChanged) changed.push('notices');
    this.write(next, notices.data, { actor: 'platform', action: 'config.applied', detail: { version: remote.version, changed: changed.join(',') } }, remote.version);
    this.currentNotices = notices.data;
    this.deps.log.info('config.applied', { version: remote.version, changed: changed.join(',') });
    if (changed.length > 0) this.deps.onChange(next);
    return { changed };
  }

  // The rules beyond the schema, for an admin's save and the platform's alike.
  private problemWith(next: KioskSettings, notices: readonly Notice[]): SettingsProblem | null {
    if ([...next.disabledServices, ...Object.keys(next.serviceHours)].some((id) => !findService(id))) return 'unknownService';
    if (!next.languages.includes(this.deps.defaultLang)) return 'defaultLangDropped';
    // Every resident's language falls back to the kiosk's own: each notice must have it.
    if (notices.some((n) => n[this.deps.defaultLang] === undefined)) return 'noticeWithoutDefaultLang';
    return null;
  }

  private changedFields(next: KioskSettings): string[] {
    return (Object.keys(next) as (keyof KioskSettings)[]).filter((k) => JSON.stringify(this.current[k]) !== JSON.stringify(next[k]));
  }

  private write(next: KioskSettings, notices: readonly Notice[], audit: { actor: string; action: string; detail: Record<string, string | number> }, version?: number): void {
    const { db } = this.deps;
    db.transaction(() => {
      setSetting(db, KEY, JSON.stringify(next));
      setSetting(db, NOTICES_KEY, JSON.stringify(notices));
      if (version !== undefined) setSetting(db, CONFIG_VERSION_KEY, String(version));
      appendAudit(db, { ...audit, subject: null }, this.deps.now());
    })();
    this.current = next;
  }

  private load(): KioskSettings {
    const raw = getSetting(this.deps.db, KEY);
    if (raw === undefined) return this.deps.defaults;
    try {
      const parsed = kioskSettingsSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: as below
    }
    this.deps.log.warn('settings.invalid', { using: 'defaults' });
    return this.deps.defaults;
  }

  private loadNotices(): Notice[] {
    const raw = getSetting(this.deps.db, NOTICES_KEY);
    if (raw === undefined) return [];
    try {
      const parsed = noticesSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: as below
    }
    this.deps.log.warn('settings.noticesInvalid', { using: 'none' });
    return [];
  }
}
