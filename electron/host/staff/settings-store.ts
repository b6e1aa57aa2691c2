import type { Database } from 'better-sqlite3';
import { findService } from '../../../shared/catalog/services';
import { kioskSettingsSchema, type KioskSettings, type Lang, type PublicSettings } from '../../../shared/contract';
import { InvalidRequestError } from '../errors';
import type { Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';
import { getSetting, setSetting } from '../store/repos/settings';

const KEY = 'kiosk.settings';

/**
 * The settings an admin changes at the kiosk, kept in the database: services on or off,
 * counter hours, idle times, languages, the station's name and phone. A stored value that no
 * longer passes the schema is ignored for the defaults (and logged), never half-applied.
 */
export class SettingsStore {
  private current: KioskSettings;

  constructor(private readonly deps: { db: Database; log: Logger; now: () => number; defaults: KioskSettings; defaultLang: Lang; onChange: (s: KioskSettings) => void }) {
    this.current = this.load();
  }

  get(): KioskSettings {
    return this.current;
  }

  public(): PublicSettings {
    const { disabledServices, serviceHours, languages, stationName, stationPhone } = this.current;
    return { disabledServices, serviceHours, languages, stationName, stationPhone };
  }

  save(staffNumber: string, next: KioskSettings): KioskSettings {
    const unknown = [...next.disabledServices, ...Object.keys(next.serviceHours)].filter((id) => !findService(id));
    if (unknown.length > 0) throw new InvalidRequestError(`${unknown.length} of the services named are not services of this kiosk.`);
    if (!next.languages.includes(this.deps.defaultLang)) throw new InvalidRequestError(`The kiosk's own language (${this.deps.defaultLang}) must stay offered.`);
    const before = this.current;
    const changed = (Object.keys(next) as (keyof KioskSettings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return before;
    const { db } = this.deps;
    db.transaction(() => {
      setSetting(db, KEY, JSON.stringify(next));
      appendAudit(db, { actor: `staff:${staffNumber}`, action: 'settings.changed', subject: null, detail: { changed: changed.join(',') } }, this.deps.now());
    })();
    this.current = next;
    this.deps.log.info('settings.changed', { changed: changed.join(',') });
    this.deps.onChange(next);
    return next;
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
}
