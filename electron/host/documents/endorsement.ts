import type { EndorsementPrint } from '../../../shared/hardware/permit-printer';
import type { PrintSource } from './print-source';

// The endorsement type letters printed on the permit: L individual, G group, Q family visit, S business.
const TYPE_LETTER: Record<string, string> = { individual: 'L', group: 'G', family: 'Q', business: 'S' };

function addMonths(from: Date, months: number): string {
  const d = new Date(from);
  d.setMonth(d.getMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** What goes onto the permit's endorsement area, from the resident's answers (visit type, destination, validity, entries). */
export function endorsementOf(source: PrintSource, now: Date): EndorsementPrint {
  const visit = source.answers.visitType?.choice ?? source.answers.taiwanVisitType?.choice ?? 'group';
  const destination = source.identity.document.type === 'CD' ? 'TWN' : source.answers.hkMacaoDestination?.choice === 'MAC' ? 'MAC' : 'HKG';
  const months = Number(source.answers.validity?.choice ?? '3');
  const entries = Number(source.answers.entries?.choice ?? '1');
  return {
    permitNumber: source.identity.document.number,
    endorsementType: TYPE_LETTER[visit] ?? 'L',
    destination,
    validUntil: addMonths(now, Number.isFinite(months) && months > 0 ? months : 3),
    entries: Number.isFinite(entries) && entries > 0 ? entries : 1,
  };
}
