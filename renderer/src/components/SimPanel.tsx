import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Devices, KioskApi } from '../../../shared/contract';
import { simIntercomActionSchema } from '../../../shared/contract/help';
import { SIM_FAULTS, type SimDevice } from '../../../shared/hardware/sim-faults';
import { Button } from './Button';

type Residents = { id: string; label: string }[];
type PaperState = 'full' | 'low' | 'out' | 'jammed';
export const PAPER: PaperState[] = ['full', 'low', 'out', 'jammed'];

// What the station's side of the intercom can do to a call the resident placed.
const INTERCOM_ACTIONS = simIntercomActionSchema.options;

// A technician's list, straight from the simulators' fault table.
const FAULTS = Object.entries(SIM_FAULTS).flatMap(([device, faults]) => faults.map((fault) => [device as SimDevice, fault] as const));

/** For developers and demonstrations: present a sample card, change the paper. Sim mode only. */
export function SimPanel({ client, devices, onClose }: { client: KioskApi; devices: Devices | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [residents, setResidents] = useState<Residents>([]);
  const [present, setPresent] = useState<string | null>(null);
  const [receipts, setReceipts] = useState(0);
  const [paper, setPaper] = useState<PaperState | undefined>(undefined);
  const [pending, setPending] = useState<string | null>(null);
  const [documents, setDocuments] = useState<Residents>([]);
  const [lastCode, setLastCode] = useState<string | null>(null);

  const apply = (r: Awaited<ReturnType<KioskApi['invoke']>>) => {
    if (!r.ok) return;
    const status = r.value as { cardPresent: string | null; receipts: number; pendingPayment: string | null; lastCode: string | null; devices: { receiptPrinter: { paper?: PaperState } } };
    setPending(status.pendingPayment);
    setLastCode(status.lastCode);
    setPresent(status.cardPresent);
    setReceipts(status.receipts);
    setPaper(status.devices.receiptPrinter.paper);
  };
  useEffect(() => {
    void client.invoke('sim:residents', {}).then((r) => r.ok && setResidents(r.value));
    void client.invoke('sim:documents', {}).then((r) => r.ok && setDocuments(r.value));
    void client.invoke('sim:status', {}).then(apply);
  }, [client]);

  const label = residents.find((r) => r.id === present)?.label ?? '';
  return (
    <aside className="sim-panel" aria-label={t('sim.panel')} data-testid="sim-panel">
      <h2>{t('sim.panel')}</h2>
      <p role="status">{present ? t('sim.cardPresent', { label }) : t('sim.cardNone')}</p>
      <h3>{t('sim.devices')}</h3>
      <dl className="sim-devices" data-testid="sim-devices">
        {devices
          ? Object.entries(devices).map(([name, status]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd data-testid={`sim-device-${name}`}>{[status.device, status.paper, status.media, status.ink, status.detail].filter(Boolean).join(' · ')}</dd>
              </div>
            ))
          : null}
      </dl>
      <h3>{t('sim.residents')}</h3>
      <div className="sim-buttons">
        {residents.map((r) => (
          <Button key={r.id} variant="secondary" onClick={() => void client.invoke('sim:presentCard', { residentId: r.id }).then(apply)} data-testid={`sim-present-${r.id}`}>
            {t('sim.present', { label: r.label })}
          </Button>
        ))}
        <Button variant="secondary" onClick={() => void client.invoke('sim:removeCard', {}).then(apply)} data-testid="sim-remove">
          {t('sim.remove')}
        </Button>
      </div>
      <h3>{t('sim.documents')}</h3>
      <div className="sim-buttons">
        {documents.map((d) => (
          <Button key={d.id} variant="secondary" onClick={() => void client.invoke('sim:presentDocument', { documentId: d.id }).then(apply)} data-testid={`sim-document-${d.id}`}>
            {t('sim.presentDocument', { label: d.label })}
          </Button>
        ))}
        <Button variant="secondary" onClick={() => void client.invoke('sim:insertPermit', {}).then(apply)} data-testid="sim-insert-permit">
          {t('sim.insertPermit')}
        </Button>
      </div>
      <p data-testid="sim-last-code">{lastCode ? t('sim.lastCode', { code: lastCode }) : t('sim.noCode')}</p>
      <h3>{t('sim.paper')}</h3>
      <div className="sim-buttons" role="group" aria-label={t('sim.paper')}>
        {PAPER.map((p) => (
          <Button key={p} variant="secondary" aria-pressed={paper === p} onClick={() => void client.invoke('sim:setPaper', { paper: p }).then(apply)} data-testid={`sim-paper-${p}`}>
            {t(`sim.paperState.${p}`)}
          </Button>
        ))}
      </div>
      <p>{t('sim.receipts', { count: receipts })}</p>
      <h3>{t('sim.payment')}</h3>
      {pending ? (
        <div className="sim-buttons">
          <Button variant="secondary" onClick={() => void client.invoke('sim:pay', { outcome: 'paid' }).then(apply)} data-testid="sim-pay">
            {t('sim.pay')}
          </Button>
          <Button variant="secondary" onClick={() => void client.invoke('sim:pay', { outcome: 'canceled' }).then(apply)} data-testid="sim-pay-cancel">
            {t('sim.cancelPayment')}
          </Button>
        </div>
      ) : (
        <p>{t('sim.noPayment')}</p>
      )}
      <h3>{t('sim.intercom')}</h3>
      <div className="sim-buttons" role="group" aria-label={t('sim.intercom')}>
        {INTERCOM_ACTIONS.map((action) => (
          <Button key={action} variant="secondary" onClick={() => void client.invoke('sim:intercom', { action }).then(apply)} data-testid={`sim-intercom-${action}`}>
            {t(`sim.intercomAction.${action}`)}
          </Button>
        ))}
      </div>
      <h3>{t('sim.headset')}</h3>
      <div className="sim-buttons" role="group" aria-label={t('sim.headset')}>
        <Button variant="secondary" onClick={() => void client.invoke('sim:headset', { plugged: true }).then(apply)} data-testid="sim-headset-plug">
          {t('sim.headsetAction.plug')}
        </Button>
        <Button variant="secondary" onClick={() => void client.invoke('sim:headset', { plugged: false }).then(apply)} data-testid="sim-headset-unplug">
          {t('sim.headsetAction.unplug')}
        </Button>
      </div>
      <h3>{t('sim.faults')}</h3>
      <div className="sim-buttons">
        {FAULTS.map(([device, fault]) => (
          <Button
            key={`${device}:${fault}`}
            variant="secondary"
            onClick={() => void client.invoke('sim:fault', { device, fault }).then(apply)}
            data-testid={`sim-fault-${device}-${fault}`}
          >
            {t('sim.fault', { device, fault })}
          </Button>
        ))}
      </div>
      <Button onClick={onClose} data-testid="sim-close">
        {t('sim.close')}
      </Button>
    </aside>
  );
}
