import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { CommandResponse, Devices, KioskApi } from '../../../shared/contract';
import { Button } from '../components/Button';
import { PermitInsert, waitsForPermit } from '../components/PermitInsert';
import { StatusNote } from '../components/StatusNote';
import { yuan } from '../format';

/**
 * Money and failures: payments to refund (admins), submissions to send again, prints paid for
 * and not made. A reprint of an endorsement waits for the permit in the printer's slot: until
 * it is there the screen says where to put it, with Cancel.
 */
export function StaffMoney({ client, devices, admin }: { client: KioskApi; devices: Devices | null; admin: boolean }) {
  const { t } = useTranslation();
  const [money, setMoney] = useState<CommandResponse<'staff:money'> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [reprinting, setReprinting] = useState<string | null>(null);
  const load = useCallback(() => void client.invoke('staff:money', {}).then((r) => r.ok && setMoney(r.value)), [client]);
  useEffect(load, [load]);
  if (!money) return null;

  const after = (text: string) => {
    setNote(text);
    load();
  };
  const reprint = (reference: string) => {
    setNote(null);
    setReprinting(reference);
    void client.invoke('staff:reprint', { reference }).then((r) => {
      setReprinting(null);
      after(!r.ok || r.value.result === 'failed' ? t('staff.money.printFailed') : t(`staff.money.${r.value.result}`));
    });
  };
  const permitAwaited = reprinting !== null && money.toPrint.some((j) => j.reference === reprinting && j.output === 'permitEndorsement') && waitsForPermit(devices);
  const title = (serviceId: string) => (findService(serviceId) ? t(`services.${serviceId}.title`) : serviceId);
  return (
    <section aria-labelledby="staff-money">
      <h2 id="staff-money">{t('staff.money.heading')}</h2>
      <StatusNote text={note} testId="staff-money-note" />
      {permitAwaited ? (
        <div data-testid="staff-reprint-insert">
          <PermitInsert heading={t('staff.money.insert', { reference: reprinting })} data-testid="staff-reprint-status" />
          <Button variant="secondary" onClick={() => void client.invoke('staff:cancelReprint', {})} data-testid="staff-reprint-cancel">
            {t('staff.money.cancelPrint')}
          </Button>
        </div>
      ) : reprinting !== null ? (
        <p role="status" data-testid="staff-reprint-status" data-phase="printing">
          {t('lookup.reprint.printing')}
        </p>
      ) : null}
      {money.refundsDue.length + money.failed.length + money.toPrint.length === 0 ? <p data-testid="staff-money-nothing">{t('staff.money.nothing')}</p> : null}
      <Listed heading={t('staff.money.refundsDue')} items={money.refundsDue} keyOf={(p) => p.orderId}>
        {(p) =>
          admin ? (
            <Button variant="warning" onClick={() => void client.invoke('staff:refund', { orderId: p.orderId }).then((r) => r.ok && after(t(`staff.money.${r.value.result}`)))} data-testid={`staff-refund-${p.orderId}`}>
              {t('staff.money.refund', { amount: yuan(p.amountFen) })} · {title(p.serviceId)}
            </Button>
          ) : (
            <span>
              {yuan(p.amountFen)} · {p.orderId}
            </span>
          )
        }
      </Listed>
      <Listed heading={t('staff.money.failed')} items={money.failed} keyOf={(f) => f.reference}>
        {(f) => (
          <Button variant="secondary" onClick={() => void client.invoke('staff:retrySubmission', { reference: f.reference }).then((r) => r.ok && after(t('staff.money.retry', { reference: f.reference })))} data-testid={`staff-retry-${f.reference}`}>
            {t('staff.money.retry', { reference: f.reference })}
          </Button>
        )}
      </Listed>
      <Listed heading={t('staff.money.toPrint')} items={money.toPrint} keyOf={(j) => `${j.reference}-${j.output}`}>
        {(j) => (
          <Button variant="secondary" disabled={reprinting !== null} onClick={() => reprint(j.reference)} data-testid={`staff-reprint-${j.reference}`}>
            {t('staff.money.reprint', { reference: j.reference })} · {t(`lookup.toPrint.${j.output}`)}
          </Button>
        )}
      </Listed>
    </section>
  );
}

/** One kind of thing to deal with: its heading and a line per item; nothing when there is none. */
function Listed<T>({ heading, items, keyOf, children }: { heading: string; items: readonly T[]; keyOf: (item: T) => string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{heading}</h3>
      <ul className="review-list">
        {items.map((item) => (
          <li key={keyOf(item)}>{children(item)}</li>
        ))}
      </ul>
    </>
  );
}
