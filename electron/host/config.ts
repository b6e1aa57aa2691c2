import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LANGS } from '../../shared/contract/schemas';
import { isKioskCode } from '../../shared/domain/reference';
import { parseSimFaults, type SimDevice } from './hardware/sim-faults';
import { parseDailyTime, type DailyTime } from './supervisor/daily-restart';
import { parseUplinkConfig, type UplinkConfigInput } from './sync/uplink-config';

/** Everything the host needs to start; built from the environment or by Electron's main. */
export interface HostConfig {
  dataDir: string;
  /** Browser mode only: 0 picks a free port. */
  port: number;
  /** sim: every device simulated and sim:* commands bound (only when chosen); real (the default): hardware.json's drivers, nothing simulated. */
  hardware: 'sim' | 'real';
  /** Faults the simulators start with (KIOSK_SIM_FAULTS). */
  simFaults: { device: SimDevice; fault: string }[];
  lang: (typeof LANGS)[number];
  kioskId: string;
  idleWarnMs: number;
  idleResetMs: number;
  /** Days after the platform accepted a submission before its personal data is purged. */
  retentionDays: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The daily restart's time (local), or null for none (KIOSK_RESTART_AT=off). */
  restartAt: DailyTime | null;
  /** The police platform (KIOSK_PLATFORM_*); without a url the kiosk only queues. */
  platform: UplinkConfigInput;
  version: string;
  /** Folders whose sub-folders are USB sticks for the diagnostics bundle (KIOSK_USB_ROOTS); unset: the mounted removable drives under /media and /run/media. */
  usbRoots?: readonly string[];
}

/** A setting that cannot be used; the message names the setting and what is allowed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const seconds = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback * 1000;
      const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n) || n < 1 || n > 3600) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a number of seconds from 1 to 3600` });
        return z.NEVER;
      }
      return Math.round(n * 1000);
    });

const envSchema = z.object({
  KIOSK_DATA_DIR: z.string().optional(),
  KIOSK_PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 0;
      // Number() would take ' ', '0x1F' and '1e3'; a port is digits only.
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: 'KIOSK_PORT must be a whole number from 0 to 65535 (0 picks a free port)' });
        return z.NEVER;
      }
      return n;
    }),
  KIOSK_HARDWARE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      // Simulators only on purpose: unset means the real devices of hardware.json.
      const value = v === undefined || v === '' ? 'real' : v;
      if (value === 'sim' || value === 'real') return value;
      ctx.addIssue({ code: 'custom', message: 'KIOSK_HARDWARE must be "sim" (simulators) or "real" (drivers from hardware.json)' });
      return z.NEVER;
    }),
  KIOSK_LANG: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v === undefined || v === '' ? 'zh-CN' : v;
      const lang = LANGS.find((l) => l === value);
      if (lang) return lang;
      ctx.addIssue({ code: 'custom', message: `KIOSK_LANG must be one of ${LANGS.join(', ')}` });
      return z.NEVER;
    }),
  KIOSK_ID: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v === undefined || v === '' ? 'K01' : v;
      if (isKioskCode(value)) return value;
      ctx.addIssue({
        code: 'custom',
        message: 'KIOSK_ID must be 3 characters from 0-9 and A-Z without I, L, O, U (for example K01)',
      });
      return z.NEVER;
    }),
  KIOSK_IDLE_WARN_SECONDS: seconds('KIOSK_IDLE_WARN_SECONDS', 60),
  KIOSK_PLATFORM_URL: z.string().optional(),
  KIOSK_PLATFORM_CERT: z.string().optional(),
  KIOSK_PLATFORM_KEY: z.string().optional(),
  KIOSK_PLATFORM_CA: z.string().optional(),
  KIOSK_PLATFORM_TOKEN: z.string().optional(),
  KIOSK_HEARTBEAT_SECONDS: seconds('KIOSK_HEARTBEAT_SECONDS', 60),
  KIOSK_SIM_FAULTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseSimFaults(v ?? '');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'KIOSK_SIM_FAULTS is not valid' });
        return z.NEVER;
      }
    }),
  KIOSK_RETENTION_DAYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 30;
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > 3650) {
        ctx.addIssue({ code: 'custom', message: 'KIOSK_RETENTION_DAYS must be a whole number of days from 1 to 3650' });
        return z.NEVER;
      }
      return n;
    }),
  KIOSK_LOG_LEVEL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v === undefined || v === '' ? 'info' : v;
      if (value === 'debug' || value === 'info' || value === 'warn' || value === 'error') return value;
      ctx.addIssue({ code: 'custom', message: 'KIOSK_LOG_LEVEL must be one of debug, info, warn, error' });
      return z.NEVER;
    }),
  KIOSK_IDLE_RESET_SECONDS: seconds('KIOSK_IDLE_RESET_SECONDS', 30),
  KIOSK_USB_ROOTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const roots = v.split(path.delimiter).filter((r) => r !== '');
      if (roots.every((r) => path.isAbsolute(r))) return roots;
      ctx.addIssue({ code: 'custom', message: `KIOSK_USB_ROOTS must be absolute folders separated by ${path.delimiter}` });
      return z.NEVER;
    }),
  KIOSK_RESTART_AT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === 'off') return null;
      const at = parseDailyTime(v === undefined || v === '' ? '03:30' : v);
      if (at) return at;
      ctx.addIssue({ code: 'custom', message: 'KIOSK_RESTART_AT must be a local time of day as HH:MM (24-hour, for example 03:30), or off' });
      return z.NEVER;
    }),
});

const PLATFORM_DETAILS = ['KIOSK_PLATFORM_TOKEN', 'KIOSK_PLATFORM_CERT', 'KIOSK_PLATFORM_KEY', 'KIOSK_PLATFORM_CA'] as const;

/** The per-user app-data folder, as Electron's `userData` names it for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  // An empty variable counts as unset (as in the XDG spec and Chromium): '' would make the path relative.
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Police Kiosk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Police Kiosk');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Police Kiosk');
}

// Checked here, so a bad platform setting stops start-up like any other bad setting.
function platformSettings(
  e: { KIOSK_PLATFORM_URL?: string | undefined; KIOSK_PLATFORM_CERT?: string | undefined; KIOSK_PLATFORM_KEY?: string | undefined; KIOSK_PLATFORM_CA?: string | undefined; KIOSK_PLATFORM_TOKEN?: string | undefined },
  kioskId: string,
  heartbeatMs: number | undefined,
): UplinkConfigInput {
  const input: UplinkConfigInput = {
    kioskId,
    ...(heartbeatMs !== undefined ? { heartbeatIntervalMs: heartbeatMs } : {}),
    ...(e.KIOSK_PLATFORM_URL ? { url: e.KIOSK_PLATFORM_URL } : {}),
    ...(e.KIOSK_PLATFORM_CERT ? { clientCertFile: e.KIOSK_PLATFORM_CERT } : {}),
    ...(e.KIOSK_PLATFORM_KEY ? { clientKeyFile: e.KIOSK_PLATFORM_KEY } : {}),
    ...(e.KIOSK_PLATFORM_CA ? { caFile: e.KIOSK_PLATFORM_CA } : {}),
    ...(e.KIOSK_PLATFORM_TOKEN ? { bearerToken: e.KIOSK_PLATFORM_TOKEN } : {}),
  };
  try {
    parseUplinkConfig(input);
  } catch (error) {
    throw new ConfigError(`KIOSK_PLATFORM_*: ${error instanceof Error ? error.message : 'not valid'}`);
  }
  return input;
}

/** Reads the KIOSK_* settings; throws ConfigError with one line naming the first bad one. */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: { dataDir: string; version: string }): HostConfig {
  // A misspelt setting would otherwise be ignored without a word.
  const unknown = Object.keys(env).find((key) => key.startsWith('KIOSK_') && !Object.hasOwn(envSchema.shape, key));
  if (unknown) {
    throw new ConfigError(`Unknown setting ${unknown}; the settings are ${Object.keys(envSchema.shape).join(', ')}`);
  }
  // Settings are upper case; on Linux `kiosk_data_dir` is another variable, which would be
  // ignored while the operator believes it is in force.
  const wrongCase = Object.keys(env).find((key) => key.toUpperCase().startsWith('KIOSK_') && !key.startsWith('KIOSK_'));
  if (wrongCase) {
    const meant = wrongCase.toUpperCase();
    const hint = Object.hasOwn(envSchema.shape, meant) ? `: write it as ${meant}` : `; the settings are upper case: ${Object.keys(envSchema.shape).join(', ')}`;
    throw new ConfigError(`Setting ${wrongCase} is not read (settings are upper case)${hint}`);
  }
  // A token or certificate without the platform's address would never be used: the kiosk
  // would queue only, while its operator thinks it syncs.
  const orphan = PLATFORM_DETAILS.find((key) => env[key] !== undefined && env[key] !== '');
  if (orphan && !env.KIOSK_PLATFORM_URL) {
    throw new ConfigError(`${orphan} is set but KIOSK_PLATFORM_URL is not: set the platform's address, or remove ${orphan}`);
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(issue ? issue.message : 'The kiosk settings could not be read');
  }
  const e = parsed.data;
  if (e.KIOSK_HARDWARE === 'real' && e.KIOSK_SIM_FAULTS.length > 0) {
    throw new ConfigError('KIOSK_SIM_FAULTS is set but the kiosk runs on real hardware: set KIOSK_HARDWARE=sim to use simulators, or remove KIOSK_SIM_FAULTS');
  }
  const dataDir = e.KIOSK_DATA_DIR ? path.resolve(e.KIOSK_DATA_DIR) : defaults.dataDir;
  return {
    dataDir,
    port: e.KIOSK_PORT,
    hardware: e.KIOSK_HARDWARE,
    simFaults: e.KIOSK_SIM_FAULTS,
    lang: e.KIOSK_LANG,
    kioskId: e.KIOSK_ID,
    idleWarnMs: e.KIOSK_IDLE_WARN_SECONDS,
    idleResetMs: e.KIOSK_IDLE_RESET_SECONDS,
    retentionDays: e.KIOSK_RETENTION_DAYS,
    // Unset, the uplink's own default applies (60 s) and the platform settings say nothing of it.
    platform: platformSettings(e, e.KIOSK_ID, env.KIOSK_HEARTBEAT_SECONDS ? e.KIOSK_HEARTBEAT_SECONDS : undefined),
    logLevel: e.KIOSK_LOG_LEVEL,
    restartAt: e.KIOSK_RESTART_AT,
    version: defaults.version,
    ...(e.KIOSK_USB_ROOTS ? { usbRoots: e.KIOSK_USB_ROOTS } : {}),
  };
}
