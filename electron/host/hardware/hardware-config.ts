import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SUPPLIES, type SupplyName } from '../../../shared/contract/supplies';
import { fontScriptSchema } from './font-scripts';

const serial = z.object({ type: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(115_200) }).strict();
const tcp = z.object({ type: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100) }).strict();
const usb = z.object({ type: z.literal('usb'), path: z.string().min(1) }).strict();

/**
 * `$KIOSK_DATA_DIR/hardware.json`, read only with KIOSK_HARDWARE=real: which driver and port each
 * device uses. A device the file does not name is not there (`noDevice`) and the services that
 * need it are unavailable; nothing is ever simulated on real hardware. The payment terminal, the
 * permit printer and the intercom have no driver yet (see the README), so a real kiosk has none.
 */
/**
 * A supply's size where the station's devices differ from the defaults (a longer receipt roll,
 * a bigger A4 tray): capacity, and the levels at or below which it is low and out.
 */
const supplySize = z
  .object({
    capacity: z.number().int().min(1).max(100_000),
    lowAt: z.number().int().min(0),
    outAt: z.number().int().min(0),
  })
  .strict()
  .refine((s) => s.outAt < s.lowAt, { message: 'outAt must be below lowAt', path: ['outAt'] })
  .refine((s) => s.lowAt < s.capacity, { message: 'lowAt must be below capacity', path: ['lowAt'] });
export type SupplySize = z.output<typeof supplySize>;

const supplySizes = z
  .object(Object.fromEntries(SUPPLIES.map((name) => [name, supplySize.optional()])) as Record<SupplyName, z.ZodOptional<typeof supplySize>>)
  .strict();

/**
 * What the receipt printer's own font draws (see font-scripts.ts); lines with anything else are
 * printed as images drawn with `rasterFontPath` (default Noto Sans CJK) `printWidthDots` wide
 * (default 576, 80 mm paper; 384 for 58 mm). Absent: GB2312 Chinese and ASCII.
 */
const fontScripts = z
  .array(fontScriptSchema)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: 'lists a script more than once' })
  .refine((list) => list.includes('latin'), { message: 'must include "latin": every ESC/POS font draws ASCII, and the reference is printed with it' });

export const hardwareConfigSchema = z
  .object({
    idCardReader: z.object({ driver: z.literal('gat467'), transport: serial, photoDecoder: z.string().min(1).optional() }).strict().optional(),
    receiptPrinter: z
      .object({
        driver: z.literal('escpos'),
        transport: z.discriminatedUnion('type', [serial, tcp, usb]),
        fontScripts: fontScripts.optional(),
        rasterFontPath: z.string().min(1).optional(),
        printWidthDots: z.number().int().min(64).max(2048).optional(),
      })
      .strict()
      .optional(),
    documentReader: z.object({ driver: z.literal('mrz-serial'), transport: serial }).strict().optional(),
    documentPrinter: z.object({ driver: z.literal('cups'), printer: z.string().min(1), fontPath: z.string().min(1).optional() }).strict().optional(),
    staffCardReader: z.object({ driver: z.literal('uid-line'), transport: z.discriminatedUnion('type', [serial, tcp, usb]) }).strict().optional(),
    // The headphone socket, as the sound server (PulseAudio, or PipeWire's pulse server) reports it.
    headset: z.object({ driver: z.literal('pactl'), sink: z.string().min(1).optional() }).strict().optional(),
    supplies: supplySizes.optional(),
  })
  .strict();

/** Devices that have no real driver yet: named in hardware.json, they get a clear refusal. */
const NO_DRIVER_YET = ['payment', 'paymentTerminal', 'permitPrinter', 'intercom'] as const;

export type HardwareConfig = z.output<typeof hardwareConfigSchema>;
export type DeviceName = Exclude<keyof HardwareConfig, 'supplies'>;

/** The settings file is there but cannot be used; the message names the file and the bad key. */
export class HardwareConfigError extends Error {
  override readonly name = 'HardwareConfigError';
}

/** Reads and checks hardware.json; a missing file means no device is installed. */
export function loadHardwareConfig(dataDir: string): HardwareConfig {
  const file = path.join(dataDir, 'hardware.json');
  if (!fs.existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : 'it cannot be read';
    throw new HardwareConfigError(`hardware.json is not valid JSON: ${why}`);
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if ((NO_DRIVER_YET as readonly string[]).includes(key)) {
        throw new HardwareConfigError(`hardware.json: ${key}: there is no driver for this device yet; it can only be simulated (KIOSK_HARDWARE=sim)`);
      }
      if (key !== 'supplies' && value !== null && typeof value === 'object' && (value as { driver?: unknown }).driver === 'sim') {
        throw new HardwareConfigError(`hardware.json: ${key}.driver: "sim" is not a driver; simulators run only with KIOSK_HARDWARE=sim`);
      }
    }
  }
  const parsed = hardwareConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new HardwareConfigError(`hardware.json: ${where}: ${issue?.message ?? 'not valid'}`);
  }
  return parsed.data;
}
