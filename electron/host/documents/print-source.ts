import type { AnswerValue } from '../../../shared/catalog/questions';
import type { Lang } from '../../../shared/contract/lang';
import type { Identity, PaidPayment } from '../../../shared/flows/session';
import type { LookupData } from '../../../shared/steps/lookup/lookup-kinds';

/** What a print is made from: the session at the kiosk, or a queued submission's sealed payload for a reprint. */
export interface PrintSource {
  serviceId: string;
  lang: Lang;
  reference: string;
  identity: Identity;
  answers: Record<string, AnswerValue>;
  lookups: Record<string, LookupData>;
  payment: PaidPayment | null;
}
