import { z } from 'zod';
import { isKioskCode } from '../../../shared/domain/reference';
import { ConfigError } from '../config';

// Plain HTTP would put personal data on the wire; only a receiver on this machine (tests) may use it.
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

const positiveMs = (min: number, max: number) => z.number().int().min(min).max(max);

/** The uplink's settings; no `url` means there is no platform and the kiosk only queues. */
export const uplinkConfigSchema = z
  .object({
    /** Base address of the platform; `/submissions` is appended. */
    url: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined || v === '' ? undefined : v))
      .superRefine((v, ctx) => {
        if (v === undefined) return;
        let url: URL;
        try {
          url = new URL(v);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'The platform url is not a valid address' });
          return;
        }
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
          ctx.addIssue({ code: 'custom', message: 'The platform url must use https (http only for 127.0.0.1 or localhost)' });
        }
        // Credentials in a url end up in logs and error messages; use bearerToken instead.
        if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'The platform url must not carry a user name or password' });
        if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'The platform url must not have a query or fragment' });
      }),
    /** PEM file of the kiosk's client certificate, for mutual TLS. */
    clientCertFile: z.string().min(1).optional(),
    /** PEM file of the client certificate's private key. */
    clientKeyFile: z.string().min(1).optional(),
    /** PEM file of the CA that signed the platform's certificate, when it is not a public one. */
    caFile: z.string().min(1).optional(),
    /** Sent as `Authorization: Bearer …`; never logged. */
    bearerToken: z.string().min(1).optional(),
    kioskId: z.string().refine(isKioskCode, { message: 'kioskId must be 3 characters from 0-9 and A-Z without I, L, O, U' }),
    batchSize: z.number().int().min(1).max(500).default(50),
    maxAttempts: z.number().int().min(1).max(1000).default(12),
    baseDelayMs: positiveMs(1, 3_600_000).default(2_000),
    maxDelayMs: positiveMs(1, 24 * 3_600_000).default(15 * 60_000),
    requestTimeoutMs: positiveMs(10, 600_000).default(15_000),
    /** How often decisions are pulled for sent submissions; 0 pulls on every sync (tests). */
    statusPullIntervalMs: positiveMs(0, 24 * 3_600_000).default(60_000),
    /** How often the kiosk sends its heartbeat (device states, supplies, backlog) when nothing needs an alert. */
    heartbeatIntervalMs: positiveMs(1_000, 24 * 3_600_000).default(60_000),
    /** The least time between two alert heartbeats, so a device that flaps cannot flood the platform. */
    alertMinGapMs: positiveMs(0, 3_600_000).default(2_000),
  })
  .superRefine((c, ctx) => {
    if ((c.clientCertFile === undefined) !== (c.clientKeyFile === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'clientCertFile and clientKeyFile must be given together' });
    }
    if (c.maxDelayMs < c.baseDelayMs) ctx.addIssue({ code: 'custom', message: 'maxDelayMs must not be below baseDelayMs' });
  });

/** Uplink settings after defaults. */
export type UplinkConfig = z.output<typeof uplinkConfigSchema>;

/** Uplink settings as written, before defaults. */
export type UplinkConfigInput = z.input<typeof uplinkConfigSchema>;

/** Validates uplink settings; throws ConfigError with one line naming the first bad one. */
export function parseUplinkConfig(input: unknown): UplinkConfig {
  const parsed = uplinkConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // Zod's messages name the rule, never the value, so the token cannot leak through here.
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ConfigError(issue ? `Uplink setting ${where}${issue.message}` : 'The uplink settings could not be read');
}
