import type { EndorsementPrint, PermitPrinter } from '../../../shared/hardware/permit-printer';
import type { Completion, CompletionCode, DeviceState, DeviceStatus, SupplyState } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/** The permit printer simulator: a card slot, a ribbon, and the endorsements it printed. */
export class SimPermitPrinter implements PermitPrinter {
  readonly kind = 'sim';
  private readonly tracker = new StatusTracker({ device: 'online', media: 'notPresent', ink: 'full' }, warnListenerError('Permit printer'));
  private failNextCode: CompletionCode | undefined;
  readonly printed: EndorsementPrint[] = [];

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  insertCard(): void {
    this.tracker.update({ media: 'present' });
  }

  setDevice(state: DeviceState): void {
    this.tracker.update({ device: state });
  }

  setRibbon(state: SupplyState): void {
    this.tracker.update({ ink: state });
  }

  failNextJob(code: Exclude<CompletionCode, 'success'>): void {
    this.failNextCode = code;
  }

  async printEndorsement(print: EndorsementPrint): Promise<Completion> {
    const { device, ink, media } = this.tracker.get();
    if (device !== 'online' || ink === 'out') return { code: 'deviceNotReady', message: 'The permit printer is not ready.' };
    if (media !== 'present') return { code: 'userError', message: 'No permit card in the printer.' };
    if (this.failNextCode) {
      const code = this.failNextCode;
      this.failNextCode = undefined;
      if (code === 'hardwareError') this.tracker.update({ media: 'jammed' });
      return { code, message: 'Injected fault.' };
    }
    this.printed.push(structuredClone(print));
    return { code: 'success', message: 'printed' };
  }

  async eject(): Promise<Completion> {
    if (this.tracker.get().media === 'jammed') return { code: 'hardwareError', message: 'The card is jammed.' };
    this.tracker.update({ media: 'notPresent' });
    return { code: 'success', message: 'ejected' };
  }
}
