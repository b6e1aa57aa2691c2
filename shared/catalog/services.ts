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

/** Every service the kiosk offers, in the order of the welcome screen. */
export const catalog: readonly ServiceEntry[] = [noCriminalRecord];

/** The catalog entry with this id, if any. */
export function findService(id: string): ServiceEntry | undefined {
  return catalog.find((s) => s.id === id);
}
