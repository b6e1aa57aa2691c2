import { ReplyReader, type ByteTransport } from '../transport/byte-transport';
import { toGat467Error } from './errors';
import { encodeNamedCommand, parseReply, type CommandName, type ParseResult, type ReplyFrame } from './frame';

/**
 * One command at a time over a byte transport: writes the frame, then waits for the reply,
 * skipping line noise and false preambles. Replies that fail their checksum or carry an
 * error status end the wait at once rather than running into the timeout.
 */
export class SamLink {
  private readonly replies: ReplyReader;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly transport: ByteTransport) {
    this.replies = new ReplyReader(transport);
  }

  /** Runs `task` once every task queued before it has settled. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Sends a command and resolves with its success reply; rejects with Gat467Error. Callers hold `exclusive`. */
  async send(name: CommandName, timeoutMs: number): Promise<ReplyFrame> {
    // Whatever is buffered answers an earlier command that timed out.
    this.replies.discard();
    let outcome: Exclude<ParseResult, { kind: 'incomplete' }> | undefined;
    const complete = (buffer: Uint8Array): number => {
      let offset = 0;
      for (;;) {
        const result = parseReply(buffer.subarray(offset));
        if (result.kind === 'incomplete') return 0;
        if (result.kind === 'frame') {
          outcome = result;
          return offset + result.length;
        }
        const code = result.error.code;
        // Noise, or a preamble-like run inside it: keep looking for the real reply.
        if (code === 'badPreamble' || code === 'shortFrame' || code === 'badLength') {
          offset += result.skip;
          continue;
        }
        outcome = result;
        return offset + result.skip;
      }
    };
    try {
      await this.transport.write(encodeNamedCommand(name));
      await this.replies.read(complete, timeoutMs);
    } catch (error) {
      throw toGat467Error(error);
    }
    if (outcome?.kind === 'frame') return outcome.frame;
    throw toGat467Error(outcome?.error);
  }

  /** Stops listening to the transport; a command waiting for its reply fails as `closed`. */
  dispose(): void {
    this.replies.dispose();
  }
}
