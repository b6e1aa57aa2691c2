import type { DocumentPrinter } from '../../../shared/hardware/document-printer';
import type { DocumentReader } from '../../../shared/hardware/document-reader';
import type { HeadsetJack } from '../../../shared/hardware/headset';
import type { Intercom } from '../../../shared/hardware/intercom';
import { CardReadError, type IdCardReader } from '../../../shared/hardware/id-card-reader';
import type { PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { PermitPrinter } from '../../../shared/hardware/permit-printer';
import type { ReceiptPrinter } from '../../../shared/hardware/receipt-printer';
import type { StaffCardReader } from '../../../shared/hardware/staff-card-reader';
import type { Completion, DeviceStatus } from '../../../shared/hardware/types';

/**
 * Why a device is absent with real hardware: `notConfigured` (hardware.json does not name it),
 * `noDriver` (no driver exists for it yet: the payment terminal, the permit printer, the intercom).
 */
export type AbsentReason = 'notConfigured' | 'noDriver';

const NOT_THERE = (what: string): Completion<never> => ({ code: 'deviceNotReady', message: `The ${what} is not installed on this kiosk.` });

function absent(reason: AbsentReason) {
  const status: DeviceStatus = { device: 'noDevice', detail: reason };
  return { kind: 'absent', status: () => status, onStatus: () => () => undefined };
}

/**
 * The stand-ins for devices a kiosk on real hardware does not have: always `noDevice`, every
 * job refused as not ready, so the services that need them are unavailable. Never a simulator.
 */
export const absentDevice = {
  idCardReader: (reason: AbsentReason): IdCardReader => ({
    ...absent(reason),
    readCard: () => Promise.reject(new CardReadError('The ID card reader is not installed on this kiosk.', 'readerUnavailable')),
  }),
  receiptPrinter: (reason: AbsentReason): ReceiptPrinter => ({ ...absent(reason), print: async () => NOT_THERE('receipt printer') }),
  documentReader: (reason: AbsentReason): DocumentReader => ({ ...absent(reason), onDocument: () => () => undefined }),
  documentPrinter: (reason: AbsentReason): DocumentPrinter => ({ ...absent(reason), print: async () => NOT_THERE('document printer') }),
  permitPrinter: (reason: AbsentReason): PermitPrinter => ({
    ...absent(reason),
    printEndorsement: async () => NOT_THERE('permit printer'),
    eject: async () => NOT_THERE('permit printer'),
  }),
  staffCardReader: (reason: AbsentReason): StaffCardReader => ({ ...absent(reason), onCard: () => () => undefined }),
  // Residents are shown the station's phone number instead.
  intercom: (reason: AbsentReason): Intercom => ({
    ...absent(reason),
    call: async () => NOT_THERE('intercom'),
    hangUp: async () => ({ code: 'success', message: 'No call to end.' }),
    onCallState: () => () => undefined,
  }),
  // No socket the kiosk can see: speech goes to the loudspeaker, and personal data is never spoken.
  headset: (reason: AbsentReason): HeadsetJack => absent(reason),
  paymentTerminal: (reason: AbsentReason): PaymentTerminal => ({
    ...absent(reason),
    createPayment: async () => NOT_THERE('payment terminal'),
    // Nothing was ever created on a terminal that is not there, but an order from an earlier
    // configuration cannot be settled here: in doubt, never "unpaid".
    waitForOutcome: () => Promise.reject(new Error('The payment terminal is not installed on this kiosk.')),
    queryOrder: async () => NOT_THERE('payment terminal'),
    cancel: async () => NOT_THERE('payment terminal'),
    refund: async () => NOT_THERE('payment terminal'),
  }),
};
