import path from 'node:path';
import type { Devices } from '../../../shared/contract';
import { CardReadError, type IdCardReader } from '../../../shared/hardware/id-card-reader';
import type { DocumentReader, DocumentReadResult } from '../../../shared/hardware/document-reader';
import type { DocumentPrinter } from '../../../shared/hardware/document-printer';
import type { HeadsetJack } from '../../../shared/hardware/headset';
import type { Intercom } from '../../../shared/hardware/intercom';
import type { PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { PermitPrinter } from '../../../shared/hardware/permit-printer';
import type { ReceiptPrinter } from '../../../shared/hardware/receipt-printer';
import type { StaffCardReader } from '../../../shared/hardware/staff-card-reader';
import type { Device, DeviceStatus } from '../../../shared/hardware/types';
import { errorKind, type Logger } from '../log/logger';
import { DeviceSlot } from './device-slot';
import { CupsDocumentPrinter } from './document-printer.cups';
import { absentDevice } from './absent-device';
import { SimDocumentPrinter } from './document-printer.sim';
import { SimDocumentReader } from './document-reader.sim';
import { Gat467IdCardReader } from './gat467/reader';
import { loadPhotoDecoder } from './gat467/photo-decoder';
import type { HardwareConfig } from './hardware-config';
import { SimIdCardReader } from './id-card-reader.sim';
import { PactlHeadset } from './headset.pactl';
import { SimHeadset } from './headset.sim';
import { SimIntercom } from './intercom.sim';
import { SerialMrzReader } from './mrz-reader';
import { SimPaymentTerminal } from './payment-terminal.sim';
import { SimPlatform } from '../platform/platform.sim';
import { SimPermitPrinter } from './permit-printer.sim';
import { EscPosReceiptPrinter } from './receipt-printer.escpos';
import { createFontFallback } from './slip-font-fallback';
import { SimReceiptPrinter } from './receipt-printer.sim';
import { LineUidReader } from './staff-card-reader.line';
import { SimStaffCardReader } from './staff-card-reader.sim';
import type { ByteTransport } from './transport/byte-transport';
import { openDeviceFileTransport } from './transport/device-file';
import { openSerialTransport } from './transport/serial';
import { openTcpTransport } from './transport/tcp';
import { makePrivateDir } from '../store/data-dir';
import { StatusTracker, warnListenerError } from './status-tracker';

/**
 * The camera is the renderer's (getUserMedia); the host only knows what the renderer reports, and
 * whether its own face engine works: a camera whose photos cannot be checked makes no photos.
 */
export class ReportedCamera implements Device {
  readonly kind = 'renderer';
  private readonly tracker = new StatusTracker({ device: 'noDevice', detail: 'notReported' }, warnListenerError('Camera'));
  private forced = false;
  private reported: DeviceStatus = { device: 'noDevice', detail: 'notReported' };
  private engineDetail: string | null = null;

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** What the renderer found; ignored while a simulated fault holds the camera. */
  report(state: 'online' | 'noDevice' | 'denied'): void {
    if (!this.forced) this.set(state);
  }

  /** A simulated camera fault that the renderer's reports cannot undo ('online' lifts it). */
  force(state: 'online' | 'noDevice' | 'denied'): void {
    this.forced = state !== 'online';
    this.set(state);
  }

  /**
   * The face engine failed (its detail code, e.g. `faceEngineModelMissing`) or works again (null):
   * while it is down the camera is a hardware error, whatever the renderer reports.
   */
  faceEngine(detail: string | null): void {
    this.engineDetail = detail;
    this.publish();
  }

  private set(state: 'online' | 'noDevice' | 'denied'): void {
    this.reported = state === 'online' ? { device: 'online' } : state === 'denied' ? { device: 'userError', detail: 'permissionDenied' } : { device: 'noDevice' };
    this.publish();
  }

  private publish(): void {
    this.tracker.set(this.engineDetail === null ? this.reported : { device: 'hardwareError', detail: this.engineDetail });
  }
}

/** The queue's disk, as a device: staff see it, and the simulator can make a commit fail. */
export class QueueStorage implements Device {
  readonly kind = 'sqlite';
  // Always online: a failing write is one refused commit, not a device state.
  private readonly tracker = new StatusTracker({ device: 'online' });
  private failNext = false;

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** The next commit fails (simulated full or failing disk). */
  failNextWrite(): void {
    this.failNext = true;
  }

  /** Throws once after failNextWrite(), as the disk would. */
  beforeWrite(): void {
    if (!this.failNext) return;
    this.failNext = false;
    throw new Error('Simulated storage failure: the disk refused the write.');
  }
}

/** The simulators in use, for the `sim:*` commands and fault injection. */
export interface Simulators {
  idCardReader?: SimIdCardReader;
  receiptPrinter?: SimReceiptPrinter;
  documentReader?: SimDocumentReader;
  documentPrinter?: SimDocumentPrinter;
  paymentTerminal?: SimPaymentTerminal;
  permitPrinter?: SimPermitPrinter;
  staffCardReader?: SimStaffCardReader;
  intercom?: SimIntercom;
  headset?: SimHeadset;
  /** The police platform's fictional data set, for lookups and one-time codes. */
  platform?: SimPlatform;
}

export interface KioskDevices {
  idCardReader: IdCardReader;
  receiptPrinter: ReceiptPrinter;
  documentReader: DocumentReader;
  documentPrinter: DocumentPrinter;
  paymentTerminal: PaymentTerminal;
  permitPrinter: PermitPrinter;
  /** The contactless reader for staff cards (not the resident ID card reader). */
  staffCardReader: StaffCardReader;
  /** The intercom residents call the station with. */
  intercom: Intercom;
  /** The headphone socket for private listening. */
  headset: HeadsetJack;
  camera: ReportedCamera;
  storage: QueueStorage;
  sims: Simulators;
  /** Every device's status, as the renderer and staff see it. */
  statuses(): Devices;
  /** Called with all statuses whenever any device's status changes. */
  onChange(listener: (devices: Devices) => void): () => void;
  close(): Promise<void>;
}

function openTransport(t: { type: 'serial'; path: string; baudRate: number } | { type: 'tcp'; host: string; port: number } | { type: 'usb'; path: string }): Promise<ByteTransport> {
  switch (t.type) {
    case 'serial':
      return openSerialTransport(t.path, t.baudRate);
    case 'tcp':
      return openTcpTransport(t.host, t.port);
    case 'usb':
      return openDeviceFileTransport(t.path);
  }
}

function closable(device: Device): Promise<void> {
  const close = (device as { close?: () => unknown }).close;
  return Promise.resolve(typeof close === 'function' ? close.call(device) : undefined).then(() => undefined);
}

/** A reader behind a slot: while it is not connected, a read fails at once with a clear reason. */
function slotReader(slot: DeviceSlot<IdCardReader>): IdCardReader {
  return {
    kind: slot.kind,
    status: () => slot.status(),
    onStatus: (l) => slot.onStatus(l),
    readCard: (signal, options) => slot.current()?.readCard(signal, options) ?? Promise.reject(new CardReadError('The ID card reader is not connected.', 'readerUnavailable')),
    readCardWithPhoto: (signal) => {
      const reader = slot.current();
      if (!reader) return Promise.reject(new CardReadError('The ID card reader is not connected.', 'readerUnavailable'));
      return reader.readCardWithPhoto ? reader.readCardWithPhoto(signal) : reader.readCard(signal).then((card) => ({ card }));
    },
  };
}

function slotPrinter(slot: DeviceSlot<ReceiptPrinter>): ReceiptPrinter {
  return {
    kind: slot.kind,
    status: () => slot.status(),
    onStatus: (l) => slot.onStatus(l),
    print: (job) => slot.current()?.print(job) ?? Promise.resolve({ code: 'deviceNotReady', message: 'The receipt printer is not connected.' }),
  };
}

function slotDocumentReader(slot: DeviceSlot<DocumentReader>): DocumentReader {
  const listeners = new Set<(r: DocumentReadResult) => void>();
  let unsubscribe: (() => void) | undefined;
  const rewire = () => {
    unsubscribe?.();
    unsubscribe = slot.current()?.onDocument((r) => listeners.forEach((l) => l(r)));
  };
  slot.onStatus(rewire);
  return {
    kind: slot.kind,
    status: () => slot.status(),
    onStatus: (l) => slot.onStatus(l),
    onDocument(listener) {
      listeners.add(listener);
      rewire();
      return () => listeners.delete(listener);
    },
  };
}

/** A staff card reader behind a slot: cards reach listeners from whichever driver is connected. */
function slotStaffCardReader(slot: DeviceSlot<StaffCardReader>): StaffCardReader {
  const listeners = new Set<(uid: string) => void>();
  let unsubscribe: (() => void) | undefined;
  let wired: StaffCardReader | undefined;
  const rewire = () => {
    if (slot.current() === wired) return;
    unsubscribe?.();
    wired = slot.current();
    unsubscribe = wired?.onCard((uid) => listeners.forEach((l) => l(uid)));
  };
  slot.onStatus(rewire);
  return {
    kind: slot.kind,
    status: () => slot.status(),
    onStatus: (l) => slot.onStatus(l),
    onCard(listener) {
      listeners.add(listener);
      rewire();
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Builds every device from hardware.json (or simulators), connects the real ones in the
 * background and keeps one aggregate status that the renderer and staff are pushed.
 */
export function createDevices(opts: { hardware: HardwareConfig; simulate: boolean; dataDir: string; log: Logger }): KioskDevices {
  return opts.simulate ? simulatedDevices(opts) : realDevices(opts);
}

/** KIOSK_HARDWARE=sim: every device is its simulator, chosen on purpose. */
function simulatedDevices(opts: { dataDir: string; log: Logger }): KioskDevices {
  const simDir = path.join(opts.dataDir, 'sim');
  // What the simulators print carries references and answers: kept private like the database.
  makePrivateDir(simDir);
  const sims: Simulators = {
    platform: new SimPlatform(),
    idCardReader: new SimIdCardReader(),
    receiptPrinter: new SimReceiptPrinter({ dir: path.join(simDir, 'receipts') }),
    documentReader: new SimDocumentReader(),
    documentPrinter: new SimDocumentPrinter({ dir: path.join(simDir, 'documents') }),
    paymentTerminal: new SimPaymentTerminal({ stateFile: path.join(simDir, 'payments.json') }),
    permitPrinter: new SimPermitPrinter(),
    staffCardReader: new SimStaffCardReader(),
    intercom: new SimIntercom(),
    headset: new SimHeadset(),
  };
  const { idCardReader, receiptPrinter, documentReader, documentPrinter, paymentTerminal, permitPrinter, staffCardReader, intercom, headset } = sims as Required<Simulators>;
  return assemble({ idCardReader, receiptPrinter, documentReader, documentPrinter, paymentTerminal, permitPrinter, staffCardReader, intercom, headset }, sims, []);
}

/**
 * KIOSK_HARDWARE=real: the drivers hardware.json names, connected in the background; a device
 * it does not name is absent (noDevice), never simulated.
 */
function realDevices(opts: { hardware: HardwareConfig; log: Logger }): KioskDevices {
  const { hardware, log } = opts;
  const slots: DeviceSlot<Device>[] = [];
  const onError = (device: string) => (error: unknown) => log.warn('device.connectFailed', { device, error: errorKind(error) });
  const slot = <T extends Device>(name: string, kind: string, connect: () => Promise<T>): DeviceSlot<T> => {
    const s = new DeviceSlot<T>(kind, connect, { dispose: closable, onError: onError(name) });
    slots.push(s as unknown as DeviceSlot<Device>);
    return s;
  };

  const readerConfig = hardware.idCardReader;
  let idCardReader: IdCardReader;
  if (!readerConfig) {
    idCardReader = absentDevice.idCardReader('notConfigured');
  } else {
    const photoDecoder = loadPhotoDecoder(readerConfig.photoDecoder);
    // The kiosk works without the vendor's WLT decoder; staff must know the face check is off.
    if (!photoDecoder) log.warn('idCardReader.faceCheckUnavailable', { reason: 'noPhotoDecoderConfigured' });
    const { path: port, baudRate } = readerConfig.transport;
    idCardReader = slotReader(slot<IdCardReader>('idCardReader', 'gat467', async () => new Gat467IdCardReader(await openSerialTransport(port, baudRate), { ...(photoDecoder ? { photoDecoder } : {}) })));
  }

  const printerConfig = hardware.receiptPrinter;
  let receiptPrinter: ReceiptPrinter;
  if (!printerConfig) {
    receiptPrinter = absentDevice.receiptPrinter('notConfigured');
  } else {
    const transport = printerConfig.transport;
    const kind = transport.type === 'serial' ? 'escpos-serial' : transport.type === 'tcp' ? 'escpos-tcp' : 'escpos-usb';
    const { fontScripts, rasterFontPath: fontPath, printWidthDots: widthDots } = printerConfig;
    const fontFallback = createFontFallback({ fontScripts, fontPath, widthDots, onWarning: (event, fields) => log.warn(event, fields) });
    receiptPrinter = slotPrinter(
      slot<ReceiptPrinter>('receiptPrinter', kind, async () => {
        const printer = new EscPosReceiptPrinter(await openTransport(transport), { kind, fontFallback });
        await printer.start();
        return printer;
      }),
    );
  }

  const docReaderConfig = hardware.documentReader;
  let documentReader: DocumentReader;
  if (!docReaderConfig) {
    documentReader = absentDevice.documentReader('notConfigured');
  } else {
    const { path: port, baudRate } = docReaderConfig.transport;
    documentReader = slotDocumentReader(slot<DocumentReader>('documentReader', 'mrz-serial', async () => new SerialMrzReader(await openSerialTransport(port, baudRate))));
  }

  const docPrinterConfig = hardware.documentPrinter;
  let documentPrinter: DocumentPrinter;
  if (!docPrinterConfig) {
    documentPrinter = absentDevice.documentPrinter('notConfigured');
  } else {
    const cups = new CupsDocumentPrinter({ printer: docPrinterConfig.printer });
    void cups.start().catch(onError('documentPrinter'));
    documentPrinter = cups;
  }

  // No driver exists for these yet (the acquirers' contract APIs, the permit printers' and the
  // SIP intercoms' licensed SDKs).
  const paymentTerminal = absentDevice.paymentTerminal('noDriver');
  const permitPrinter = absentDevice.permitPrinter('noDriver');
  const intercom = absentDevice.intercom('noDriver');
  // Without one named, speech stays on the loudspeaker and never says personal details.
  const headsetConfig = hardware.headset;
  let headset: HeadsetJack = absentDevice.headset('notConfigured');
  if (headsetConfig) {
    const pactl = new PactlHeadset(headsetConfig.sink ? { sink: headsetConfig.sink } : {});
    pactl.start();
    headset = pactl;
  }

  const cardConfig = hardware.staffCardReader;
  const staffCardReader = cardConfig
    ? slotStaffCardReader(slot<StaffCardReader>('staffCardReader', 'uid-line', async () => new LineUidReader(await openTransport(cardConfig.transport))))
    : absentDevice.staffCardReader('notConfigured');
  return assemble({ idCardReader, receiptPrinter, documentReader, documentPrinter, paymentTerminal, permitPrinter, staffCardReader, intercom, headset }, {}, slots);
}

type Peripherals = Pick<KioskDevices, 'idCardReader' | 'receiptPrinter' | 'documentReader' | 'documentPrinter' | 'paymentTerminal' | 'permitPrinter' | 'staffCardReader' | 'intercom' | 'headset'>;

/** The devices with the camera and the queue's disk, one aggregate status, and one close. */
function assemble(peripherals: Peripherals, sims: Simulators, slots: DeviceSlot<Device>[]): KioskDevices {
  const { idCardReader, receiptPrinter, documentReader, documentPrinter, paymentTerminal, permitPrinter, staffCardReader, intercom, headset } = peripherals;
  const camera = new ReportedCamera();
  const storage = new QueueStorage();

  const all: Record<keyof Devices, Device> = { idCardReader, receiptPrinter, documentReader, documentPrinter, paymentTerminal, permitPrinter, camera, storage, staffCardReader, intercom, headset };
  const statuses = (): Devices => {
    const out = {} as Devices;
    for (const [name, device] of Object.entries(all) as [keyof Devices, Device][]) out[name] = device.status();
    return out;
  };
  const listeners = new Set<(d: Devices) => void>();
  const unwatch = Object.values(all).map((device) =>
    device.onStatus(() => {
      const now = statuses();
      for (const l of listeners) l(now);
    }),
  );
  for (const s of slots) void s.start();

  return {
    idCardReader,
    receiptPrinter,
    documentReader,
    documentPrinter,
    paymentTerminal,
    permitPrinter,
    staffCardReader,
    intercom,
    headset,
    camera,
    storage,
    sims,
    statuses,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      for (const off of unwatch) off();
      listeners.clear();
      await Promise.all(slots.map((s) => s.close()));
      await Promise.all([documentPrinter, paymentTerminal, intercom, headset].map(closable));
    },
  };
}
