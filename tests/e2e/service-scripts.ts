/**
 * Every catalog service as a resident does it by touch: who they are and how they answer. The
 * people are the simulators' fictional residents; their names and numbers are listed here so
 * the tests can check that none of them reaches a slip left behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { catalog, findService } from '../../shared/catalog/services';
import type { Lang } from '../../shared/contract';
import { resources } from '../../shared/i18n/resources';
import { fontCoversWords } from '../../electron/host/hardware/document-pdf';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { expect, type KioskServer } from './kiosk-fixture';
import { names, type TouchScript, type Visit } from './steps';

/** The fictional people the simulators know: what must never be printed on a slip. */
export const PEOPLE = {
  zhang: { name: '张伟明', idNumber: '110105198003150012' },
  li: { name: '李秀兰', idNumber: '310115195507220025' },
  liu: { name: '刘芳', idNumber: '51010719680203004X' },
  aili: { name: '艾丽', idNumber: '650102199909300057' },
  wang: { name: '王小龙', idNumber: '440306199211080037' },
} as const;

const PHONE = '13900000000';

export const SCRIPTS: Record<string, TouchScript> = {
  noCriminalRecord: {
    who: { card: 'zhang' },
    answers: { purpose: { choice: 'job' }, destination: { text: '加拿大' }, phone: { digits: PHONE }, delivery: { choice: 'collect' } },
  },
  idCardRenewal: {
    who: { card: 'wang-expired' },
    answers: { renewalReason: { choice: 'expired' }, phone: { digits: PHONE }, collection: { choice: 'collect' } },
  },
  householdCertificate: { who: { card: 'zhang' }, answers: { certificatePurpose: { choice: 'school' } } },
  idCardLossReplacement: {
    who: { idNumber: PEOPLE.zhang.idNumber },
    answers: {
      lossKind: { choice: 'lost' },
      lossDate: { date: '2026-01-15' },
      lossPlace: { text: '地铁1号线' },
      phone: { digits: PHONE },
      collection: { choice: 'mail', text: '北京市朝阳区示例路1号' },
    },
  },
  temporaryIdCard: { who: { idNumber: PEOPLE.wang.idNumber }, answers: { temporaryReason: { choice: 'travel' }, phone: { digits: '13700000000' } } },
  residencePermitApplication: {
    who: { card: 'zhang' },
    answers: {
      localAddress: { text: '北京市海淀区示例路2号' },
      livingSince: { date: '2024-03-01' },
      residenceBasis: { choice: 'employment' },
      employer: { text: '示例科技有限公司' },
      phone: { digits: PHONE },
    },
  },
  residencePermitEndorsement: { who: { card: 'aili' }, answers: { sameAddress: { choice: 'no' }, newLocalAddress: { text: '北京市西城区示例胡同3号' }, phone: { digits: '13800000000' } } },
  contactChange: { who: { card: 'li' }, answers: { changeWhat: { choice: 'both' }, newPhone: { digits: '13800000001' }, newAddress: { text: '上海市浦东新区虚构街90弄1号' } } },
  birthRegistration: {
    who: { card: 'liu' },
    answers: {
      parentRole: { choice: 'mother' },
      childName: { text: '刘小花' },
      childSex: { choice: 'F' },
      childBirthDate: { date: '2026-10-01' },
      birthPlace: { text: '成都市妇幼保健院' },
      otherParentName: { text: '赵示例' },
      phone: { digits: '13600000000' },
    },
  },
  hkMacaoEndorsement: {
    who: { document: 'zhang-hk' },
    answers: { hkMacaoDestination: { choice: 'HKG' }, visitType: { choice: 'individual' }, validity: { choice: '3' }, entries: { choice: '2' } },
  },
  taiwanEndorsement: { who: { document: 'zhang-tw' }, answers: { taiwanVisitType: { choice: 'family' }, validity: { choice: '3' }, entries: { choice: '1' } } },
  travelDocumentPreAcceptance: {
    who: { card: 'zhang' },
    answers: { travelDocument: { choice: 'passport' }, applicationReason: { choice: 'first' }, travelCountry: { country: 'JP', search: '日本' }, phone: { digits: PHONE } },
  },
  entryExitStatus: { who: { card: 'zhang' }, answers: {}, rating: 'skip' },
  trafficFines: { who: { card: 'zhang' }, answers: { plate: { plate: '京A12345' }, finesChosen: { picks: ['V2026001', 'V2026002'] } } },
  licenceRenewal: { who: { card: 'zhang' }, answers: { healthDeclaration: { choice: 'none' }, phone: { digits: PHONE }, licenceCollection: { choice: 'collect' } } },
  inspectionExemptMark: { who: { card: 'zhang' }, answers: { plate: { plate: '京A12345' }, markDelivery: { choice: 'electronic' } } },
  temporaryPlate: {
    who: { card: 'zhang' },
    answers: { plateReason: { choice: 'newPurchase' }, vin: { text: 'LSVAU2180N2183294' }, vehicleKind: { choice: 'smallCar' }, phone: { digits: PHONE } },
    rating: { level: 3, reason: 'slow' },
  },
  drivingRecord: { who: { card: 'zhang' }, answers: { recordPurpose: { choice: 'insurance' } } },
};

/** The services of a family, in catalog order. */
export const familyOf = (family: string) => catalog.filter((s) => s.family === family).map((s) => s.id);

function text(lang: Lang, key: string): string {
  let node: unknown = resources[lang].translation;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no ${lang} text ${key}`);
  return node;
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export function documentsPrinted(server: KioskServer): string[] {
  const dir = path.join(server.dataDir, 'sim', 'documents');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f));
}

/**
 * What every run of a service must leave behind, read from its catalog entry: one slip with
 * the reference and the service's title and nothing personal, one A4 document whose text
 * says what it is, one endorsement on the permit, the review notice, the payment.
 */
export async function expectOutputs(server: KioskServer, serviceId: string, visits: readonly Visit[], lang: Lang = 'zh-CN'): Promise<void> {
  const entry = findService(serviceId);
  if (!entry) throw new Error(`no service ${serviceId}`);
  const seen = names(visits);
  const kinds = new Set(entry.steps.map((s) => s.kind));
  expect(seen[0]).toBe('start');
  expect(seen.at(-1), 'the rating comes last').toBe('rating');
  for (const [kind, screen] of [
    ['photo', 'photo'],
    ['check', 'check'],
    ['pay', 'payment'],
    ['review', 'reviewNotice'],
    ['submit', 'confirmation'],
  ] as const) {
    expect(seen.includes(screen), `${serviceId}: ${screen} for its ${kind} step`).toBe(kinds.has(kind));
  }
  const receipts = server.receipts();
  const slips = entry.steps.filter((s) => s.kind === 'print' && s.output === 'slip').length;
  expect(receipts, 'one slip per slip step').toHaveLength(slips);
  for (const file of receipts) {
    const slip = decodeEscPos(new Uint8Array(fs.readFileSync(file)));
    expect(slip.text).toContain(text(lang, `services.${serviceId}.title`));
    expect(slip.qr).toHaveLength(1);
    expect(slip.text).toContain(slip.qr[0]);
    for (const person of Object.values(PEOPLE)) {
      expect(slip.text).not.toContain(person.name);
      expect(slip.text).not.toContain(person.idNumber);
    }
    expect(slip.text).not.toContain(PHONE);
  }
  const a4 = entry.steps.flatMap((s) => (s.kind === 'print' && s.output === 'a4' ? [s.document] : []));
  const pdfs = documentsPrinted(server);
  expect(pdfs, 'one A4 document per A4 step').toHaveLength(a4.length);
  for (const [i, document] of a4.entries()) {
    // Long titles wrap: compare with the line breaks as spaces.
    const body = pdfText(pdfs[i]!).replace(/\s+/g, ' ');
    // In the resident's language where the document font draws it, else in Simplified Chinese.
    const title = text(lang, `documents.${document}.title`);
    const drawable = await fontCoversWords({ title, lines: [], footer: [], reference: '-', lang });
    expect(body).toContain(drawable ? title : text('zh-CN', `documents.${document}.title`));
    // Its document number: kind, day, kiosk and six random characters.
    expect(body).toMatch(/[A-Z]{2}\d{8}[A-Z0-9-]{4,}/);
  }
  const endorsements = entry.steps.filter((s) => s.kind === 'print' && s.output === 'permitEndorsement').length;
  const status = (await server.api('sim:status')).value as { endorsementsPrinted: unknown[] };
  expect(status.endorsementsPrinted, 'one endorsement per permit print step').toHaveLength(endorsements);
}
