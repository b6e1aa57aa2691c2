import type { SlipRequest } from '../../shared/flows/service-flow.machine';
import { findService } from '../../shared/catalog/services';
import { createI18n } from '../../shared/i18n';
import type { SlipContent } from './hardware/escpos';

function formatTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The slip for a submission, in the resident's language. It carries the reference and the
 * chosen options only: a slip left behind at the kiosk must not give away who applied.
 */
export function slipContent(req: SlipRequest, now: Date): SlipContent {
  const i18n = createI18n(req.lang);
  const t = i18n.t.bind(i18n);
  const service = findService(req.serviceId);
  const rows: SlipContent['rows'] = [];
  for (const id of service?.slipAnswers ?? []) {
    const question = service?.questions.find((q) => q.id === id);
    const choice = req.answers[id]?.choice;
    if (question?.kind !== 'choice' || !choice) continue;
    rows.push({ label: t(`questions.${id}.label`), value: t(`questions.${id}.options.${choice}`) });
  }
  if (req.paidFen !== null) rows.push({ label: t('slip.paid'), value: `￥${(req.paidFen / 100).toFixed(2)}` });
  return {
    heading: t('slip.station'),
    title: t(`services.${req.serviceId}.title`),
    referenceLabel: t('slip.reference'),
    reference: req.reference,
    rows,
    footer: [t('slip.footer1'), t('slip.footer2')],
    printedAt: `${t('slip.printedAt')}: ${formatTime(now)}`,
  };
}
