import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const serial = z.object({ type: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(115_200) }).strict();
const tcp = z.object({ type: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100) }).strict();
const usb = z.object({ type: z.literal('usb'), path: z.string().min(1) }).strict();
const sim = z.object({ driver: z.literal('sim') }).strict();

/**
 * `$KIOSK_DATA_DIR/hardware.json`: which driver and port each device uses. Every device
 * defaults to its simulator, so a kiosk without the file runs on any machine.
 */
export const hardwareConfigSchema = z
  .object({
    idCardReader: z
      .discriminatedUnion('driver', [
        sim,
        z.object({ driver: z.literal('gat467'), transport: serial, photoDecoder: z.string().min(1).optional() }).strict(),
      ])
      .default({ driver: 'sim' }),
    receiptPrinter: z
      .discriminatedUnion('driver', [
        sim,
        z.object({ driver: z.literal('escpos'), transport: z.discriminatedUnion('type', [serial, tcp, usb]) }).strict(),
      ])
      .default({ driver: 'sim' }),
    documentReader: z
      .discriminatedUnion('driver', [sim, z.object({ driver: z.literal('mrz-serial'), transport: serial }).strict()])
      .default({ driver: 'sim' }),
    documentPrinter: z
      .discriminatedUnion('driver', [
        sim,
        z.object({ driver: z.literal('cups'), printer: z.string().min(1), fontPath: z.string().min(1).optional() }).strict(),
      ])
      .default({ driver: 'sim' }),
    payment: z.discriminatedUnion('driver', [sim]).default({ driver: 'sim' }),
    permitPrinter: z.discriminatedUnion('driver', [sim]).default({ driver: 'sim' }),
  })
  .strict();

export type HardwareConfig = z.output<typeof hardwareConfigSchema>;
export type DeviceName = keyof HardwareConfig;

/** The settings file is there but cannot be used; the message names the file and the bad key. */
export class HardwareConfigError extends Error {
  override readonly name = 'HardwareConfigError';
}

/** Reads and checks hardware.json; a missing file means every device is simulated. */
export function loadHardwareConfig(dataDir: string): HardwareConfig {
  const file = path.join(dataDir, 'hardware.json');
  if (!fs.existsSync(file)) return hardwareConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : 'it cannot be read';
    throw new HardwareConfigError(`hardware.json is not valid JSON: ${why}`);
  }
  const parsed = hardwareConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new HardwareConfigError(`hardware.json: ${where}: ${issue?.message ?? 'not valid'}`);
  }
  return parsed.data;
}
