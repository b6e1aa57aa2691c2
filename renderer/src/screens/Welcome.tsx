import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstDeviceDown } from '../../../shared/catalog/availability';
import { SERVICE_FAMILIES } from '../../../shared/catalog/families';
import { catalog } from '../../../shared/catalog/services';
import type { ServiceEntry } from '../../../shared/catalog/types';
import type { Devices, Lang, PublicSettings } from '../../../shared/contract';
import { serviceClosedBy } from '../../../shared/contract/service-hours';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** Why a service cannot be offered now, as an i18n key and its values, or null when it can. */
export function unavailableReason(service: ServiceEntry, devices: Devices, settings: PublicSettings | null, now: Date): { key: string; values?: Record<string, string> } | null {
  const closed = settings ? serviceClosedBy(settings, service.id, now) : null;
  if (closed === 'off') return { key: 'welcome.reason.off' };
  if (closed === 'hours') return { key: 'welcome.reason.hours', values: settings!.serviceHours[service.id]! };
  const down = firstDeviceDown(service, devices);
  if (!down) return null;
  const paper = devices.receiptPrinter.paper;
  if (down === 'receiptPrinter' && devices.receiptPrinter.device === 'online' && (paper === 'out' || paper === 'jammed')) {
    return { key: 'welcome.reason.receiptPrinterPaper' };
  }
  return { key: `welcome.reason.${down}` };
}

/** The time, a minute at a time: services in counter hours open and close as it passes. */
export function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Choose a service, by family; services whose devices are not ready say so instead of failing later. */
export function Welcome({ devices, settings, send, view }: ScreenProps<'welcome'>) {
  const { t } = useTranslation();
  return (
    <Page heading={t('welcome.heading')} screenKey="welcome" testId="welcome">
      <p className="lead">{t('welcome.intro')}</p>
      {settings && settings.notices.length > 0 ? <Notices settings={settings} lang={view.lang} /> : null}
      {devices === null ? (
        // A moment at start-up: tiles offered before the devices are known could change under a finger.
        <p role="status" className="welcome-checking" data-testid="welcome-checking">
          {t('welcome.checking')}
        </p>
      ) : (
        <ServiceTiles devices={devices} settings={settings ?? null} send={send} />
      )}
    </Page>
  );
}

/**
 * The station's notices (from the platform), each in the resident's language or else the
 * kiosk's own. The text is the platform's, not i18n's; it is not personal, so speech reads it
 * aloud, and `lang` tells a screen reader which language it is in.
 */
function Notices({ settings, lang }: { settings: PublicSettings; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <aside className="welcome-notices" aria-label={t('welcome.notices')} data-testid="welcome-notices">
      {settings.notices.map((notice, i) => {
        const own = notice[lang];
        const shownLang = own === undefined ? settings.defaultLang : lang;
        return (
          <p key={i} lang={shownLang} data-personal="false" data-testid={`notice-${i}`}>
            {own ?? notice[settings.defaultLang]}
          </p>
        );
      })}
    </aside>
  );
}

function ServiceTiles({ devices, settings, send }: { devices: Devices; settings: PublicSettings | null; send: ScreenProps<'welcome'>['send'] }) {
  const { t } = useTranslation();
  const now = useMinute();
  const families = SERVICE_FAMILIES.filter((family) => catalog.some((s) => s.family === family));
  const onSelect = (serviceId: string) => send({ type: 'SELECT_SERVICE', serviceId });
  return (
    <>
      {families.map((family) => (
        <section key={family} aria-labelledby={`family-${family}`} className="family">
          <h2 id={`family-${family}`}>{t(`family.${family}`)}</h2>
          <ul className="service-list">
            {catalog
              .filter((s) => s.family === family)
              .map((service) => {
                const reason = unavailableReason(service, devices, settings, now);
                const ok = reason === null;
                const reasonId = `reason-${service.id}`;
                return (
                  <li key={service.id}>
                    <button
                      type="button"
                      className="service-card"
                      // Not `disabled`: the keypad's focus and speech still reach it and say why.
                      aria-disabled={ok ? undefined : true}
                      aria-describedby={ok ? undefined : reasonId}
                      onClick={() => ok && onSelect(service.id)}
                      data-testid={`service-${service.id}`}
                    >
                      <span className="service-title">{t(`services.${service.id}.title`)}</span>
                      <span className="service-summary">{t(`services.${service.id}.summary`)}</span>
                      {reason === null ? null : (
                        <span className="service-unavailable" id={reasonId} data-testid={`unavailable-${service.id}`}>
                          <strong>{t('welcome.unavailable')}</strong>
                          <span className="service-reason">{t(reason.key, reason.values)}</span>
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      <section aria-labelledby="lookup-heading" className="family">
        <h2 id="lookup-heading">{t('lookup.start')}</h2>
        <button type="button" className="service-card" onClick={() => send({ type: 'LOOKUP' })} data-testid="lookup-start">
          <span className="service-title">{t('lookup.start')}</span>
          <span className="service-summary">{t('lookup.startHint')}</span>
        </button>
      </section>
    </>
  );
}
