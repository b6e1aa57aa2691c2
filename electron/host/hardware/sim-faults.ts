import { SIM_FAULTS, type SimDevice } from '../../../shared/hardware/sim-faults';
import type { QueueStorage, ReportedCamera, Simulators } from './devices';

export { SIM_FAULTS, type SimDevice, type SimFault } from '../../../shared/hardware/sim-faults';

/** Parses KIOSK_SIM_FAULTS (`receiptPrinter:paperOut,idCardReader:timeout`); throws naming the bad entry. */
export function parseSimFaults(text: string): { device: SimDevice; fault: string }[] {
  const out: { device: SimDevice; fault: string }[] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [device, fault] = entry.split(':');
    if (!device || !fault || !Object.hasOwn(SIM_FAULTS, device)) {
      throw new RangeError(`KIOSK_SIM_FAULTS: "${entry}" is not device:fault; devices are ${Object.keys(SIM_FAULTS).join(', ')}`);
    }
    const allowed: readonly string[] = SIM_FAULTS[device as SimDevice];
    if (!allowed.includes(fault)) throw new RangeError(`KIOSK_SIM_FAULTS: ${device} knows ${allowed.join(', ')}, not "${fault}"`);
    out.push({ device: device as SimDevice, fault });
  }
  return out;
}

/** Applies one fault to the simulators; returns false when that device is not simulated. */
export function applySimFault(sims: Simulators, camera: ReportedCamera, device: SimDevice, fault: string, storage?: QueueStorage): boolean {
  switch (device) {
    case 'idCardReader': {
      const r = sims.idCardReader;
      if (!r) return false;
      if (fault === 'offline' || fault === 'online') r.setDevice(fault);
      else r.failNextRead(fault as 'cardPulled' | 'checksumError' | 'timeout');
      return true;
    }
    case 'receiptPrinter': {
      const p = sims.receiptPrinter;
      if (!p) return false;
      if (fault === 'offline' || fault === 'online') p.setDevice(fault);
      else if (fault === 'jamNextJob') p.failNextJob('hardwareError');
      else p.setPaper(({ paperFull: 'full', paperLow: 'low', paperOut: 'out', jammed: 'jammed' } as const)[fault as 'paperFull']);
      return true;
    }
    case 'paymentTerminal': {
      const t = sims.paymentTerminal;
      if (!t) return false;
      if (fault === 'offline' || fault === 'online') t.setDevice(fault);
      else t.failNext('timeOut');
      return true;
    }
    case 'platform': {
      const p = sims.platform;
      if (!p) return false;
      p.setFault(fault as 'offline' | 'online' | 'unavailableNext' | 'notFoundNext');
      return true;
    }
    case 'permitPrinter': {
      const p = sims.permitPrinter;
      if (!p) return false;
      if (fault === 'offline' || fault === 'online') p.setDevice(fault);
      else if (fault === 'jamNextJob') p.failNextJob('hardwareError');
      else p.setRibbon(fault === 'ribbonOut' ? 'out' : 'low');
      return true;
    }
    case 'documentReader': {
      const d = sims.documentReader;
      if (!d) return false;
      if (fault === 'offline' || fault === 'online') d.setDevice(fault);
      else d.failNext(fault === 'timeoutNext' ? 'timeOut' : 'garbled');
      return true;
    }
    case 'documentPrinter': {
      const d = sims.documentPrinter;
      if (!d) return false;
      if (fault === 'offline' || fault === 'online') d.setDevice(fault);
      else if (fault === 'jamNextJob') d.failNextJob('hardwareError');
      else d.setPaper(fault === 'paperOut' ? 'out' : 'full');
      return true;
    }
    case 'intercom': {
      const i = sims.intercom;
      if (!i) return false;
      i.setDevice(fault as 'offline' | 'online');
      return true;
    }
    case 'camera':
      camera.force(fault as 'denied' | 'noDevice' | 'online');
      return true;
    case 'storage':
      if (!storage) return false;
      storage.failNextWrite();
      return true;
  }
}
