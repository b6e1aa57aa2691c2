import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../shared/contract';
import { Button } from './Button';

type Residents = { id: string; label: string }[];
type PaperState = 'full' | 'low' | 'out' | 'jammed';
const PAPER: PaperState[] = ['full', 'low', 'out', 'jammed'];

/** For developers and demonstrations: present a sample card, change the paper. Sim mode only. */
export function SimPanel({ client, onClose }: { client: KioskApi; onClose: () => void }) {
  const { t } = useTranslation();
  const [residents, setResidents] = useState<Residents>([]);
  const [present, setPresent] = useState<string | null>(null);
  const [receipts, setReceipts] = useState(0);
  const [paper, setPaper] = useState<PaperState | undefined>(undefined);

  const apply = (r: Awaited<ReturnType<KioskApi['invoke']>>) => {
    if (!r.ok) return;
    const status = r.value as { cardPresent: string | null; receipts: number; devices: { receiptPrinter: { paper?: PaperState } } };
    setPresent(status.cardPresent);
    setReceipts(status.receipts);
    setPaper(status.devices.receiptPrinter.paper);
  };
  useEffect(() => {
    void client.invoke('sim:residents', {}).then((r) => r.ok && setResidents(r.value));
    void client.invoke('sim:status', {}).then(apply);
  }, [client]);

  const label = residents.find((r) => r.id === present)?.label ?? '';
  return (
    <aside className="sim-panel" aria-label={t('sim.panel')} data-testid="sim-panel">
      <h2>{t('sim.panel')}</h2>
      <p role="status">{present ? t('sim.cardPresent', { label }) : t('sim.cardNone')}</p>
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
      <h3>{t('sim.paper')}</h3>
      <div className="sim-buttons" role="group" aria-label={t('sim.paper')}>
        {PAPER.map((p) => (
          <Button key={p} variant="secondary" aria-pressed={paper === p} onClick={() => void client.invoke('sim:setPaper', { paper: p }).then(apply)} data-testid={`sim-paper-${p}`}>
            {t(`sim.paperState.${p}`)}
          </Button>
        ))}
      </div>
      <p>{t('sim.receipts', { count: receipts })}</p>
      <Button onClick={onClose} data-testid="sim-close">
        {t('sim.close')}
      </Button>
    </aside>
  );
}
