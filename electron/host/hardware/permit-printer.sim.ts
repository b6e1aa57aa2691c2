import type { EndorsementPrint, PermitPrinter } from '../../../shared/hardware/permit-printer';
import type { Completion, CompletionCode, DeviceState, DeviceStatus, MediaState, SupplyState } from '../../../shared/hardware/types';

/** The permit printer simulator: a card slot, a ribbon, and the endorsements it printed. */
export class SimPermitPrinter implements PermitPrinter {
  readonly kind = 'sim';
  private device: DeviceState = 'online';
  private media: MediaState = 'notPresent';
  private ink: SupplyState = 'full';
  private failNextCode: CompletionCode | undefined;
  private readonly listeners = new Set<(s: DeviceStatus) => void>();
  readonly printed: EndorsementPrint[] = [];

  status(): DeviceStatus {
    return { device: this.device, media: this.media, ink: this.ink };
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  insertCard(): void {
    this.update(() => (this.media = 'present'));
  }

  setDevice(state: DeviceState): void {
    this.update(() => (this.device = state));
  }

  setRibbon(state: SupplyState): void {
    this.update(() => (this.ink = state));
  }

  failNextJob(code: Exclude<CompletionCode, 'success'>): void {
    this.failNextCode = code;
  }

  async printEndorsement(print: EndorsementPrint): Promise<Completion> {
    if (this.device !== 'online' || this.ink === 'out') return { code: 'deviceNotReady', message: 'The permit printer is not ready.' };
    if (this.media !== 'present') return { code: 'userError', message: 'No permit card in the printer.' };
    if (this.failNextCode) {
      const code = this.failNextCode;
      this.failNextCode = undefined;
      if (code === 'hardwareError') this.update(() => (this.media = 'jammed'));
      return { code, message: 'Injected fault.' };
    }
    this.printed.push(structuredClone(print));
    return { code: 'success', message: 'printed' };
  }

  async eject(): Promise<Completion> {
    if (this.media === 'jammed') return { code: 'hardwareError', message: 'The card is jammed.' };
    this.update(() => (this.media = 'notPresent'));
    return { code: 'success', message: 'ejected' };
  }

  private update(change: () => void): void {
    const before = JSON.stringify(this.status());
    change();
    if (JSON.stringify(this.status()) !== before) for (const l of this.listeners) l(this.status());
  }
}
