import type { ComponentType } from 'react';
import type { Devices, FlowEvent, FlowView, KioskApi, PublicSettings, ScreenName, ScreenOf } from '../../../shared/contract';

/** What every screen gets: its own view, the common fields of the flow view, and a way to answer. */
export interface ScreenProps<N extends ScreenName> {
  screen: ScreenOf<N>;
  /** The common fields (language, service, progress, whether a reference exists). */
  view: FlowView;
  send: (event: FlowEvent) => void;
  devices: Devices | null;
  /** Services off or in counter hours; null before the kiosk said. */
  settings?: PublicSettings | null;
  client: KioskApi;
}

/** One component per screen name; a screen without one fails the type check. */
export type ScreenTable = { [N in ScreenName]: ComponentType<ScreenProps<N>> };
