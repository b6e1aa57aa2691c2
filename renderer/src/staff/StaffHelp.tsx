import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { CommandResponse, HelpRequest, KioskApi } from '../../../shared/contract';
import { Button } from '../components/Button';

type HelpList = CommandResponse<'staff:help'>;

/** Residents who pressed "Call an officer" and nobody has dealt with yet, for every staff role. */
export function StaffHelp({ client }: { client: KioskApi }) {
  const { t } = useTranslation();
  const [list, setList] = useState<HelpList | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    void client.invoke('staff:help', {}).then((r) => r.ok && setList(r.value));
  }, [client]);

  const close = (id: number) => {
    void client.invoke('staff:closeHelp', { id }).then((r) => {
      if (!r.ok) return;
      setList(r.value);
      setNote(t('staff.help.closedNote'));
    });
  };
  if (!list) return null;
  const open = list.requests.filter((r) => r.state === 'open');
  return (
    <section aria-labelledby="staff-help" data-testid="staff-help">
      <h2 id="staff-help">{t('staff.help.heading')}</h2>
      <p role="status" data-testid="staff-help-note">
        {note}
      </p>
      {open.length === 0 ? <p data-testid="staff-help-none">{t('staff.help.none')}</p> : null}
      <ul className="review-list">
        {open.map((r) => (
          <li key={r.id} data-testid={`staff-help-${r.id}`}>
            <p id={`staff-help-text-${r.id}`}>
              <HelpLine request={r} />
            </p>
            <Button variant="secondary" onClick={() => close(r.id)} aria-describedby={`staff-help-text-${r.id}`} data-testid={`staff-help-close-${r.id}`}>
              {t('staff.help.dealtWith')}
            </Button>
          </li>
        ))}
      </ul>
      <p data-testid="staff-help-closed-today">{t('staff.help.closedToday', { n: list.closedToday })}</p>
    </section>
  );
}

/** When, where and how the call went, in words where the kiosk has them, else the code. */
function HelpLine({ request }: { request: HelpRequest }) {
  const { t, i18n } = useTranslation();
  const screenKey = `staff.help.screen.${request.screen}`;
  const screen = i18n.exists(screenKey) ? t(screenKey) : request.screen;
  const service = request.serviceId === null ? t('staff.help.noService') : t('staff.help.service', { service: findService(request.serviceId) ? t(`services.${request.serviceId}.title`) : request.serviceId });
  const time = new Date(request.at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <strong>{t('staff.help.at', { time })}</strong> · {t('staff.help.on', { screen })} · {service} · {request.call ? t(`staff.help.call.${request.call}`) : t('staff.help.noCall')}
    </>
  );
}
