import { vi } from 'vitest';
import type { Devices, FlowEvent, FlowView, KioskApi, Lang, ScreenName, ScreenOf } from '../../../shared/contract';
import type { ScreenProps } from '../../../renderer/src/screens/screen-props';
import { allOnline } from '../../fixtures/devices';

export { allOnline } from '../../fixtures/devices';

/** The props a screen gets from the app, with a spy for the events it sends. */
export function screenProps<N extends ScreenName>(
  screen: ScreenOf<N>,
  opts: { lang?: Lang; serviceId?: string | null; submitted?: boolean; devices?: Devices | null } = {},
): ScreenProps<N> & { send: ReturnType<typeof vi.fn<(e: FlowEvent) => void>> } {
  const view: FlowView = {
    seq: 1,
    sessionId: 'test-session',
    lang: opts.lang ?? 'zh-CN',
    serviceId: opts.serviceId ?? null,
    progress: null,
    idle: { warning: false, resetAt: null },
    submitted: opts.submitted ?? false,
    screen,
  };
  const client = { invoke: vi.fn(), on: vi.fn(() => () => undefined) } as unknown as KioskApi;
  return { screen, view, send: vi.fn<(e: FlowEvent) => void>(), devices: opts.devices === undefined ? allOnline : opts.devices, client };
}
