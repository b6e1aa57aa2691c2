import { findService } from '../../shared/catalog/services';
import { createI18n } from '../../shared/i18n';
import type { PrintStep } from '../../shared/steps/print/print.step';
import type { PrintSource } from './documents/print-source';
import type { SlipContent } from './hardware/escpos';

/** A slip's date and time, in the kiosk's local time. */
export function formatTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The slip for a submission, in the resident's language. It carries the reference, the chosen
 * options the catalog puts on the slip and what to bring to a counter; never a name or an ID
 * number: a slip left behind at the kiosk must not give away who applied.
 */
export function slipContent(step: Extract<PrintStep, { output: 'slip' }>, source: PrintSource, now: Date): SlipContent {
  const i18n = createI18n(source.lang);
  const t = i18n.t.bind(i18n);
  const entry = findService(source.serviceId);
  const questions = entry?.steps.flatMap((s) => (s.kind === 'questions' ? s.questions : [])) ?? [];
  const rows: SlipContent['rows'] = [];
  for (const id of step.answers) {
    const question = questions.find((q) => q.id === id);
    const choice = source.answers[id]?.choice;
    if (question?.kind !== 'choice' || !choice) continue;
    rows.push({ label: t(`questions.${id}.label`), value: t(`questions.${id}.options.${choice}`) });
  }
  if (source.payment !== null) rows.push({ label: t('slip.paid'), value: `￥${(source.payment.amountFen / 100).toFixed(2)}` });
  for (const item of step.bring ?? []) rows.push({ label: t('slip.bring'), value: t(`bring.${item}`) });
  return {
    heading: t('slip.station'),
    title: t(`services.${source.serviceId}.title`),
    referenceLabel: t('slip.reference'),
    reference: source.reference,
    rows,
    footer: [t('slip.footer1'), t('slip.footer2')],
    printedAt: `${t('slip.printedAt')}: ${formatTime(now)}`,
  };
}
