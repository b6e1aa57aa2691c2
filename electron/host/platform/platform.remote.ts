/**
 * Lookups and one-time codes at the police platform (the same address, credentials and TLS as
 * the uplink; protocol beside the submission protocol in ../sync/uplink.ts):
 *
 *   POST {url}/lookups/{kind}     body { kioskId, params }            200 { data }   (data checked per kind)
 *   POST {url}/codes/send         body { kioskId, idNumber }          200 { phoneMasked }
 *   POST {url}/codes/verify       body { kioskId, idNumber, code }    200 { holder: { name, sex, birthDate } }
 *   POST {url}/photos/reference   body { kioskId, documentType, number } 200 { jpegBase64 }  (the photo on file, for the face check)
 *
 *   404: not found (no such plate, permit or person); 409/422 { reason }: refused (a lookup),
 *   or the wrong code (verify); 401/403, 5xx and anything else: unavailable; no answer in
 *   time or no connection: offline.
 */
import { z } from 'zod';
import { lookupDataSchemas, type LookupData, type LookupKind } from '../../../shared/steps/lookup/lookup-kinds';
import { StepError } from '../../../shared/steps/step-error';
import type { Logger } from '../log/logger';
import type { UplinkTransport } from '../sync/http-transport';
import { runExchange } from '../sync/platform-exchange';
import { parseBody } from '../sync/uplink-protocol';
import type { CodeHolder, Platform } from './platform';

const holderSchema = z.object({ holder: z.object({ name: z.string().min(1).max(60), sex: z.enum(['M', 'F']), birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }) });
// A card-sized photo is a few kilobytes; a passport-office scan under a megabyte.
const photoSchema = z.object({ jpegBase64: z.string().min(4).max(1_400_000).regex(/^[A-Za-z0-9+/]+={0,2}$/) });
const sentSchema = z.object({ phoneMasked: z.string().regex(/^[0-9*]{7,15}$/) });

type Failure = 'offline' | 'unavailable' | 'notFound' | 'refused';

/** The platform over HTTPS, sharing the uplink's transport. */
export function createRemotePlatform(opts: { transport: UplinkTransport; kioskId: string; headers: Record<string, string>; timeoutMs: number; log: Logger }): Platform {
  const post = async <T>(path: string, body: unknown, schema: z.ZodType<T>, signal: AbortSignal): Promise<T> => {
    const exchange = await runExchange(
      opts.transport,
      { method: 'POST', path, headers: { ...opts.headers, 'content-type': 'application/json' }, body: JSON.stringify({ kioskId: opts.kioskId, ...(body as object) }) },
      { timeoutMs: opts.timeoutMs, halt: signal },
    );
    const fail = (code: Failure, why: string): never => {
      opts.log.warn('platform.lookupFailed', { path: path.split('/')[1] ?? '', code: why });
      throw new StepError(code, `The platform did not answer the ${path} request (${why}).`);
    };
    if (exchange.kind === 'stopped') throw new StepError('offline', 'The request was stopped.');
    if (exchange.kind === 'error') return fail(exchange.platform === 'unreachable' ? 'offline' : 'unavailable', exchange.code);
    const { status } = exchange.response;
    if (status === 404) return fail('notFound', 'http404');
    if (status === 409 || status === 422) return fail('refused', `http${status}`);
    if (status < 200 || status >= 300) return fail('unavailable', `http${status}`);
    const parsed = parseBody(schema, exchange.response.body);
    if (parsed === undefined) return fail('unavailable', 'badResponse');
    return parsed;
  };

  return {
    kind: 'remote',
    close: () => opts.transport.close(),
    async lookup(kind: LookupKind, params, signal): Promise<LookupData> {
      const schema = z.object({ data: lookupDataSchemas[kind] });
      const answer = await post(`/lookups/${kind}`, { params }, schema as z.ZodType<{ data: unknown }>, signal);
      return { kind, data: answer.data } as LookupData;
    },
    async sendCode(idNumber, signal) {
      try {
        return await post('/codes/send', { idNumber }, sentSchema, signal);
      } catch (error) {
        throw error instanceof StepError && error.code === 'notFound' ? error : new StepError('platformUnavailable', 'No code could be sent.');
      }
    },
    async referencePhoto(document, signal) {
      try {
        const answer = await post('/photos/reference', { documentType: document.type, number: document.number }, photoSchema, signal);
        return new Uint8Array(Buffer.from(answer.jpegBase64, 'base64'));
      } catch (error) {
        if (error instanceof StepError && error.code === 'notFound') return null;
        throw new StepError('platformUnavailable', 'The photo on file could not be fetched.');
      }
    },
    async verifyCode(idNumber, code, signal): Promise<CodeHolder> {
      try {
        return (await post('/codes/verify', { idNumber, code }, holderSchema, signal)).holder;
      } catch (error) {
        if (error instanceof StepError && error.code === 'refused') throw new StepError('wrongCode', 'The code is not the one sent.');
        throw error instanceof StepError && error.code === 'notFound' ? error : new StepError('platformUnavailable', 'The code could not be checked.');
      }
    },
  };
}

/** No platform configured: lookups and codes cannot be done, and the screen says so. */
export function noPlatform(): Platform {
  return {
    kind: 'none',
    lookup: async () => {
      throw new StepError('notConfigured', 'This kiosk has no platform to ask.');
    },
    sendCode: async () => {
      throw new StepError('platformUnavailable', 'This kiosk has no platform to ask.');
    },
    verifyCode: async () => {
      throw new StepError('platformUnavailable', 'This kiosk has no platform to ask.');
    },
    referencePhoto: async () => {
      throw new StepError('platformUnavailable', 'This kiosk has no platform to ask.');
    },
  };
}
