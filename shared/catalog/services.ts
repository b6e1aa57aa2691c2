import type { ServiceEntry } from './types';

/** 无犯罪记录证明申请: the first service, and the model for the others. */
export const noCriminalRecord: ServiceEntry = {
  id: 'noCriminalRecord',
  family: 'household',
  identity: 'idCard',
  feeFen: 0,
  minutes: 2,
  devices: ['idCardReader', 'receiptPrinter'],
  questions: [
    {
      id: 'purpose',
      kind: 'choice',
      options: [{ id: 'job' }, { id: 'study' }, { id: 'visa' }, { id: 'other', withText: true }],
    },
    { id: 'destination', kind: 'text', maxLength: 60 },
    { id: 'phone', kind: 'phone' },
    { id: 'delivery', kind: 'choice', options: [{ id: 'collect' }, { id: 'electronic' }] },
  ],
  slipAnswers: ['purpose', 'delivery'],
};

/** 居民身份证换领: renewal of an expiring, expired or damaged card, with photo and fee. */
export const idCardRenewal: ServiceEntry = {
  id: 'idCardRenewal',
  family: 'household',
  identity: 'idCard',
  acceptsExpiredCard: true,
  // The renewal fee for a second-generation resident ID card is 20 yuan.
  feeFen: 2000,
  minutes: 5,
  devices: ['idCardReader', 'camera', 'paymentTerminal', 'receiptPrinter'],
  photo: 'residentId',
  questions: [
    {
      id: 'renewalReason',
      kind: 'choice',
      options: [{ id: 'expiring' }, { id: 'expired' }, { id: 'damaged' }, { id: 'changed', withText: true }],
    },
    { id: 'phone', kind: 'phone' },
    { id: 'collection', kind: 'choice', options: [{ id: 'collect' }, { id: 'mail', withText: true }] },
  ],
  slipAnswers: ['renewalReason', 'collection'],
};

/** Every service the kiosk offers, in the order of the welcome screen. */
export const catalog: readonly ServiceEntry[] = [noCriminalRecord, idCardRenewal];

/** The catalog entry with this id, if any. */
export function findService(id: string): ServiceEntry | undefined {
  return catalog.find((s) => s.id === id);
}
