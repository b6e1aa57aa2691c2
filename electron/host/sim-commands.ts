import type { z } from 'zod';
import type { CommandName, CommandResponse, Commands } from '../../shared/contract';
import { InvalidRequestError } from './errors';
import type { FlowRunner } from './flows/flow-runner';
import type { KioskDevices } from './hardware/devices';
import { applySimFault, SIM_FAULTS } from './hardware/sim-faults';
import { SIM_DOCUMENTS } from './hardware/sim-documents';
import { SIM_RESIDENTS } from './hardware/sim-residents';
import type { Supplies } from './supplies/supplies';

type SimHandlers = {
  [C in Extract<CommandName, `sim:${string}`>]: (request: z.output<Commands[C]['request']>) => CommandResponse<C> | Promise<CommandResponse<C>>;
};

/** The `sim:*` commands: they exist only when the kiosk runs on simulators. */
export function simHandlers(devices: KioskDevices, flow: FlowRunner, staff: { supplies: Supplies }): SimHandlers {
  const { sims } = devices;
  const status = () => ({
    cardPresent: sims.idCardReader?.presentId() ?? null,
    readerWaiting: sims.idCardReader?.waiting() ?? false,
    readerWatching: sims.idCardReader?.watching() ?? false,
    receipts: sims.receiptPrinter?.jobCount() ?? 0,
    pendingPayment: sims.paymentTerminal?.pendingOrder()?.orderId ?? null,
    lastCode: sims.platform?.lastCode ?? null,
    endorsementsPrinted: (sims.permitPrinter?.printed ?? []).map(({ destination, endorsementType, validUntil, entries }) => ({ destination, endorsementType, validUntil, entries })),
    intercomCall: sims.intercom?.callState() ?? null,
    headsetPlugged: sims.headset?.plugged() ?? false,
    devices: devices.statuses(),
  });
  const need = <T>(device: T | undefined, name: string): T => {
    if (!device) throw new InvalidRequestError(`The ${name} is not simulated on this kiosk.`);
    return device;
  };
  return {
    'sim:residents': () => SIM_RESIDENTS.map(({ id, label }) => ({ id, label })),
    'sim:presentCard': ({ residentId }) => {
      need(sims.idCardReader, 'ID card reader').present(residentId);
      return status();
    },
    'sim:removeCard': () => {
      need(sims.idCardReader, 'ID card reader').remove();
      return status();
    },
    'sim:setPaper': ({ paper }) => {
      need(sims.receiptPrinter, 'receipt printer').setPaper(paper);
      return status();
    },
    'sim:status': () => status(),
    'sim:documents': () => SIM_DOCUMENTS.map(({ id, label }) => ({ id, label })),
    'sim:presentDocument': ({ documentId }) => {
      const doc = SIM_DOCUMENTS.find((d) => d.id === documentId);
      if (!doc) throw new InvalidRequestError('There is no such sample document.');
      need(sims.documentReader, 'document reader').present(doc.mrz);
      return status();
    },
    'sim:setSupply': ({ supply, level }) => {
      staff.supplies.setLevel(supply, level);
      return status();
    },
    'sim:presentStaffCard': ({ uid }) => {
      need(sims.staffCardReader, 'staff card reader').present(uid);
      return status();
    },
    'sim:insertPermit': () => {
      need(sims.permitPrinter, 'permit printer').insertCard();
      return status();
    },
    'sim:idle': ({ phase }) => {
      flow.deliver({ type: phase === 'warn' ? 'IDLE_WARN_NOW' : 'IDLE_RESET_NOW' });
      return flow.view();
    },
    'sim:scanCode': ({ text }) => {
      flow.deliver({ type: 'SCANNED', text });
      return status();
    },
    'sim:fault': ({ device, fault }) => {
      const allowed: readonly string[] = SIM_FAULTS[device];
      if (!allowed.includes(fault)) throw new InvalidRequestError(`The ${device} simulator knows these faults: ${allowed.join(', ')}.`);
      if (!applySimFault(sims, devices.camera, device, fault, devices.storage)) throw new InvalidRequestError(`The ${device} is not simulated on this kiosk.`);
      return status();
    },
    'sim:headset': ({ plugged }) => {
      need(sims.headset, 'headset socket').setPlugged(plugged);
      return status();
    },
    'sim:intercom': ({ action }) => {
      const intercom = need(sims.intercom, 'intercom');
      // With no call ringing or going on there is nothing to do: the status says so (intercomCall null).
      if (action === 'answer') intercom.answer();
      else if (action === 'hangUp') intercom.remoteHangUp();
      else if (action === 'noAnswer') intercom.noAnswer();
      else intercom.fail();
      return status();
    },
    'sim:pay': async ({ outcome }) => {
      const terminal = need(sims.paymentTerminal, 'payment terminal');
      // With nothing waiting there is nothing to do: the status says so (pendingPayment null).
      const order = terminal.pendingOrder();
      if (order && outcome === 'paid') terminal.pay(order.orderId);
      else if (order) await terminal.cancel(order.orderId);
      return status();
    },
  };
}
