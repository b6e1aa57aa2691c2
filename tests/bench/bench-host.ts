import type { Host } from '../../electron/host/host';

/** Runs a command that must succeed and returns its value. */
export async function value(host: Host, command: string, request: unknown): Promise<unknown> {
  const result = await host.handle(command, request);
  if (!result.ok) throw new Error(`${command}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
