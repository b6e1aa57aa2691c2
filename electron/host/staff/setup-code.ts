import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { hashSecret, verifySecret } from './pin-hash';

/** The file `npm run staff:setup` leaves in the data folder: the code's hash, never the code. */
export const SETUP_FILE = 'staff-setup.json';
/** A setup code works for an hour, and for five wrong tries at most. */
export const SETUP_CODE_MS = 60 * 60 * 1000;
export const SETUP_CODE_TRIES = 5;
const DIGITS = 12;

const setupFileSchema = z.object({ hash: z.string(), salt: z.string(), expiresAt: z.number(), triesLeft: z.number().int() }).strict();

/** Twelve digits in three groups, for the keypad: the new kiosk's only way to its first admin. */
export function formatSetupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Makes a new one-time setup code, replacing any earlier one, and returns it. */
export async function issueSetupCode(dataDir: string, now: number): Promise<string> {
  let code = '';
  for (let i = 0; i < DIGITS; i++) code += String(randomInt(10));
  const { hash, salt } = await hashSecret(code);
  const file = path.join(dataDir, SETUP_FILE);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ hash, salt, expiresAt: now + SETUP_CODE_MS, triesLeft: SETUP_CODE_TRIES }), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return code;
}

export type SetupCheck = 'ok' | 'wrong' | 'missing';

/**
 * Checks a setup code typed on the kiosk. Right: the file is deleted (the code is spent). Wrong:
 * one try fewer, and none left deletes it. Expired or unreadable counts as missing.
 */
export async function useSetupCode(dataDir: string, typed: string, now: number): Promise<SetupCheck> {
  const file = path.join(dataDir, SETUP_FILE);
  let saved: z.infer<typeof setupFileSchema>;
  try {
    saved = setupFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return 'missing';
  }
  if (saved.expiresAt <= now || saved.triesLeft <= 0) {
    fs.rmSync(file, { force: true });
    return 'missing';
  }
  const digits = typed.replace(/\s/g, '');
  if (/^\d{12}$/.test(digits) && (await verifySecret(digits, saved.hash, saved.salt))) {
    fs.rmSync(file, { force: true });
    return 'ok';
  }
  const triesLeft = saved.triesLeft - 1;
  if (triesLeft <= 0) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, JSON.stringify({ ...saved, triesLeft }), { mode: 0o600 });
  return 'wrong';
}
