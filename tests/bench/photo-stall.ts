import fs from 'node:fs';
import path from 'node:path';
import { flowViewSchema, type FlowView, type ScreenName } from '../../shared/contract';
import { MAX_FRAME_BASE64_LENGTH } from '../../shared/catalog/photo-spec';
import { createHost, type Host } from '../../electron/host/host';
import { createLogger } from '../../electron/host/log/logger';
import { drawPortrait, toJpeg } from '../fixtures/fake-camera';
import { buildPhotoWorkers } from '../fixtures/photo-worker-build';
import { simHostConfig } from '../fixtures/host-config';
import { value } from './bench-host';
import { quantile } from './staff-list';

/** How long other commands waited while one large frame was checked. */
export interface PhotoStall {
  side: number;
  base64Chars: number;
  /** From sending photo:check to its answer. */
  checkMs: number;
  /** The check's answer: 'ok' or its problems. */
  outcome: string;
  /** Commands due during the check, one every `everyMs`. */
  commands: number;
  everyMs: number;
  p50: number;
  p95: number;
  max: number;
  /** When the longest wait began, from sending photo:check: near 0 is the host's own share (parse, decode, header). */
  maxAtMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForScreen(host: Host, leaving: ScreenName): Promise<FlowView> {
  for (let i = 0; i < 500; i++) {
    const view = flowViewSchema.parse(await value(host, 'flow:get', {}));
    if (view.screen.name !== leaving) return view;
    await sleep(10);
  }
  throw new Error(`The flow stayed on the ${leaving} screen.`);
}

/** A fictional sitter, `side` × `side`, textured like a camera frame, at the highest quality that fits the contract. */
function largeFrame(side: number): string {
  const frame = drawPortrait({ width: side, height: side });
  for (const quality of [92, 85, 75]) {
    const text = Buffer.from(toJpeg(frame, quality)).toString('base64');
    if (text.length <= MAX_FRAME_BASE64_LENGTH) return text;
  }
  throw new Error(`No ${side} × ${side} test frame fits in ${MAX_FRAME_BASE64_LENGTH} base64 characters.`);
}

/**
 * A host on simulators, its flow on the renewal's photo screen: one `side` × `side` frame is
 * checked while `app:info` is due every `everyMs`. A command's wait runs from when it was due to
 * its answer, so a blocked event loop counts in full (the commands it held back are sent late).
 */
export async function benchPhotoStall(dir: string, root: string, side = 4096, everyMs = 5): Promise<PhotoStall> {
  const workers = await buildPhotoWorkers(root);
  const dataDir = path.join(dir, 'photo-stall');
  fs.mkdirSync(dataDir);
  const config = simHostConfig(dataDir);
  const host = await createHost(config, {
    log: createLogger({ level: 'error', write: () => undefined }),
    keyWrapper: null,
    photoWorkerScript: workers.worker,
  });
  try {
    await value(host, 'flow:send', { type: 'SELECT_SERVICE', serviceId: 'idCardRenewal' });
    await value(host, 'flow:send', { type: 'CONTINUE' });
    await value(host, 'sim:presentCard', { residentId: 'wang-expired' });
    await waitForScreen(host, 'identify');
    for (const [questionId, answer] of [
      ['renewalReason', { choice: 'expired' }],
      ['phone', { text: '13912345678' }],
      ['collection', { choice: 'collect' }],
    ] as const) {
      await value(host, 'flow:send', { type: 'ANSWER', questionId, value: answer });
    }
    const atPhoto = flowViewSchema.parse(await value(host, 'flow:get', {}));
    if (atPhoto.screen.name !== 'photo') throw new Error(`Expected the photo screen, the flow is on ${atPhoto.screen.name}.`);
    const jpegBase64 = largeFrame(side);
    // The worker has been up since createHost; give it a moment, as a resident walking up would.
    await sleep(200);

    const waits: { due: number; wait: number }[] = [];
    let checking = true;
    const start = performance.now();
    const ticker = (async () => {
      for (let i = 0; checking; i++) {
        const due = start + i * everyMs;
        const ahead = due - performance.now();
        if (ahead > 0) await sleep(ahead);
        if (!checking) break;
        await value(host, 'app:info', {});
        // Timers can fire a fraction of a millisecond early: an answer before it was due waited 0.
        waits.push({ due, wait: Math.max(0, performance.now() - due) });
      }
    })();
    // Sent on the next turn, so that the ticker has started: its first command is due at `start`.
    await sleep(0);
    const sent = performance.now();
    const result = (await value(host, 'photo:check', { jpegBase64 })) as { ok: boolean; problems?: string[] };
    const checkMs = performance.now() - sent;
    checking = false;
    await ticker;

    const sorted = waits.map((w) => w.wait).sort((a, b) => a - b);
    const worst = waits.reduce((a, b) => (b.wait > a.wait ? b : a), { due: sent, wait: 0 });
    return {
      side,
      base64Chars: jpegBase64.length,
      checkMs,
      outcome: result.ok ? 'ok' : (result.problems ?? []).join(', '),
      commands: sorted.length,
      everyMs,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: worst.wait,
      maxAtMs: worst.due - sent,
    };
  } finally {
    await host.close();
    workers.dispose();
  }
}
