import { TransportError, type TransportRequest, type TransportResponse, type UplinkTransport } from './http-transport';

/** How one request ended: an answer (any status), a failure to get one, or a stop. */
export type Exchange =
  | { kind: 'answer'; response: TransportResponse }
  | { kind: 'error'; code: string; platform: 'unreachable' | 'error' }
  | { kind: 'stopped' };

/**
 * One request with a deadline covering the whole exchange (connect, send, full body).
 * `halt` aborts it for a stop; that is told apart from a timeout, which is worth a retry.
 */
export async function runExchange(
  transport: UplinkTransport,
  req: Omit<TransportRequest, 'signal'>,
  opts: { timeoutMs: number; halt: AbortSignal },
): Promise<Exchange> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onHalt = () => controller.abort();
  if (opts.halt.aborted) controller.abort();
  else opts.halt.addEventListener('abort', onHalt, { once: true });
  try {
    return { kind: 'answer', response: await transport.request({ ...req, signal: controller.signal }) };
  } catch (error) {
    if (timedOut) return { kind: 'error', code: 'timeout', platform: 'unreachable' };
    if (opts.halt.aborted) return { kind: 'stopped' };
    const code = error instanceof TransportError ? error.code : 'network:unknown';
    // A certificate problem is configuration: staff should see 'error', not 'unreachable'.
    return { kind: 'error', code, platform: code.startsWith('tls:') ? 'error' : 'unreachable' };
  } finally {
    clearTimeout(timer);
    opts.halt.removeEventListener('abort', onHalt);
  }
}
