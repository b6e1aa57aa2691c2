import { randomBytes } from 'node:crypto';
import { maskResidentId } from '../../../shared/domain/resident-id';
import { REFERENCE_ALPHABET } from '../../../shared/domain/reference';
import { createI18n } from '../../../shared/i18n';
import type { DocumentKind } from '../../../shared/steps/print/print.step';
import type { DocumentContent } from '../hardware/document-pdf';
import type { PrintSource } from './print-source';

/** Where a printed document's QR code points: the platform's verification page for its number. */
export const VERIFY_BASE_URL = 'https://verify.police.example.invalid/d/';

const PREFIX: Record<DocumentKind, string> = { householdCertificate: 'HC', drivingRecord: 'DR', fineReceipt: 'FR' };

/** A document number: kind, day, kiosk and six random characters of the reference alphabet (no I, L, O, U). */
export function documentNumber(kind: DocumentKind, kioskId: string, now: Date, random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n))): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const tail = [...random(6)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('');
  return `${PREFIX[kind]}${day}${kioskId}${tail}`;
}

const yuan = (fen: number) => `￥${(fen / 100).toFixed(2)}`;

/**
 * The content of one A4 document, in the resident's language. Each carries its number and a
 * QR code of its verification address, and says what it is for and how to check it.
 */
export function a4Content(kind: DocumentKind, source: PrintSource, number: string, now: Date): DocumentContent {
  const i18n = createI18n(source.lang);
  const t = i18n.t.bind(i18n);
  const id = source.identity;
  const person = [
    { label: t('document.name'), value: id.name },
    { label: t('document.idNumber'), value: id.idNumber ?? maskResidentId(id.document.number) },
  ];
  const issued = [
    { label: t('document.number'), value: number },
    { label: t('document.reference'), value: source.reference },
    { label: t('document.issuedOn'), value: now.toISOString().slice(0, 10) },
  ];
  const footer = [t('document.verifyNote'), t('document.kioskNote')];
  const base = { reference: number, qrText: `${VERIFY_BASE_URL}${number}`, lang: source.lang, footer };
  switch (kind) {
    case 'householdCertificate': {
      const found = Object.values(source.lookups).find((l) => l.kind === 'household');
      const household = found?.kind === 'household' ? found.data : null;
      const purpose = source.answers.certificatePurpose?.choice;
      return {
        ...base,
        title: t('documents.householdCertificate.title'),
        lines: [
          ...person,
          { label: t('document.sex'), value: id.sex ? t(`document.sexes.${id.sex}`) : '' },
          { label: t('document.birthDate'), value: id.birthDate },
          { label: t('document.householdNumber'), value: household?.householdNumber ?? '' },
          { label: t('document.address'), value: household?.address ?? '' },
          { label: t('document.relation'), value: household ? t(`document.relations.${household.relation}`, { defaultValue: household.relation }) : '' },
          { label: t('document.registeredSince'), value: household?.registeredSince ?? '' },
          ...(purpose ? [{ label: t('document.purpose'), value: t(`questions.certificatePurpose.options.${purpose}`) }] : []),
          ...issued,
        ],
        footer: [t('documents.householdCertificate.statement'), ...footer],
      };
    }
    case 'drivingRecord': {
      const found = Object.values(source.lookups).find((l) => l.kind === 'drivingRecord');
      const record = found?.kind === 'drivingRecord' ? found.data : null;
      return {
        ...base,
        title: t('documents.drivingRecord.title'),
        lines: [
          ...person,
          { label: t('document.licenceClass'), value: record?.licenceClass ?? '' },
          { label: t('document.firstIssued'), value: record?.firstIssued ?? '' },
          { label: t('document.period'), value: record ? `${record.periodFrom} – ${record.periodTo}` : '' },
          { label: t('document.points'), value: String(record?.points ?? '') },
          { label: t('document.violations'), value: String(record?.violations ?? '') },
          { label: t('document.accidents'), value: String(record?.accidents ?? '') },
          ...issued,
        ],
        footer: [t('documents.drivingRecord.statement'), ...footer],
      };
    }
    case 'fineReceipt': {
      const found = Object.values(source.lookups).find((l) => l.kind === 'fines');
      const fines = found?.kind === 'fines' ? found.data : null;
      const picked = new Set(Object.values(source.answers).flatMap((a) => a.picks ?? []));
      const paid = (fines?.items ?? []).filter((f) => picked.has(f.id));
      return {
        ...base,
        title: t('documents.fineReceipt.title'),
        lines: [
          { label: t('document.plate'), value: fines?.plate ?? '' },
          ...paid.map((f) => ({ label: `${f.date} ${f.id}`, value: `${t(`offences.${f.offence}`, { defaultValue: t('offences.other') })} · ${f.place} · ${yuan(f.amountFen)}` })),
          { label: t('document.total'), value: yuan(source.payment?.amountFen ?? 0) },
          { label: t('document.transaction'), value: source.payment?.transactionId ?? '' },
          ...issued,
        ],
        footer: [t('documents.fineReceipt.statement'), ...footer],
      };
    }
  }
}
