import { useCallback, useEffect, useRef, useState } from 'react';
import type { Devices, FlowEvent, FlowView, KioskApi, PublicSettings } from '../../shared/contract';
import { probeCamera, reportCamera, type CameraState } from './camera-probe';
import { isStreamed } from './client/http-client';

const ACTIVITY_THROTTLE_MS = 2000;

export interface KioskState {
  view: FlowView | null;
  /** Null until the kiosk knows what its devices can do (the camera reported included). */
  devices: Devices | null;
  hardware: 'sim' | 'real' | null;
  /** What the kiosk's admin set for residents: services off, counter hours, languages, the station. */
  settings: PublicSettings | null;
  connected: boolean;
  send: (event: FlowEvent) => void;
}

/** Subscribes to the host: the flow view and device status, plus a send for flow events. */
export function useKiosk(makeClient: (opts: { onConnection: (c: boolean) => void }) => KioskApi): KioskState & { client: KioskApi } {
  const [connected, setConnected] = useState(true);
  // Each time the event stream opens, what was pushed before it opened is fetched: a change
  // between the first fetch and the stream (or while it was down) is not lost.
  const onStreamOpen = useRef<() => void>(() => undefined);
  const [client] = useState(() =>
    makeClient({
      onConnection: (c) => {
        setConnected(c);
        if (c) onStreamOpen.current();
      },
    }),
  );
  const [view, setLatestView] = useState<FlowView | null>(null);
  // Replies and pushed events race on separate channels: never go back to an older view.
  const setView = useCallback((next: FlowView) => setLatestView((current) => (current && current.seq > next.seq ? current : next)), []);
  const [devices, setDevices] = useState<Devices | null>(null);
  // Until the renderer has told the host about the camera, the host's camera status is a
  // placeholder: showing it would offer, withdraw and offer again the services that need a
  // photo, moving the tiles under a resident's finger. Devices read as unknown until then.
  const [cameraReported, setCameraReported] = useState(false);
  const [hardware, setHardware] = useState<'sim' | 'real' | null>(null);
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const lastActivity = useRef(0);

  // Device status and settings have no sequence number: a reply to a request made before a
  // pushed event is older than that event, and must not replace it.
  const pushed = useRef({ devices: 0, settings: 0 });
  const onDevices = useCallback((d: Devices) => {
    pushed.current.devices += 1;
    setDevices(d);
  }, []);
  const onSettings = useCallback((next: PublicSettings) => {
    pushed.current.settings += 1;
    setSettings(next);
  }, []);

  // Pushed events sent while the event stream was down are lost: catch up on (re)connect.
  const catchUp = useCallback(async () => {
    const before = { ...pushed.current };
    const [v, d, s] = await Promise.all([client.invoke('flow:get', {}), client.invoke('device:status', {}), client.invoke('settings:get', {})]);
    if (v.ok) setView(v.value);
    if (d.ok && pushed.current.devices === before.devices) setDevices(d.value);
    if (s.ok && pushed.current.settings === before.settings) setSettings(s.value);
  }, [client, setView]);

  // The first catch-up is followed by the camera report: device status first, then the
  // report, whose answer is the newer status (unless an event came in meanwhile, newer still).
  const started = useRef(false);
  const [cameraProbe] = useState<Promise<CameraState>>(probeCamera);
  const catchUpAndStart = useCallback(() => {
    const done = catchUp();
    if (started.current) return;
    started.current = true;
    void done
      .then(() => {
        const before = pushed.current.devices;
        return reportCamera(client, cameraProbe).then((r) => r?.ok && pushed.current.devices === before && setDevices(r.value));
      })
      .finally(() => setCameraReported(true));
  }, [client, catchUp, cameraProbe]);
  // Each request once: a streamed client (browser mode) catches up when its stream opens, the
  // first time included, so nothing pushed before it opened is missed; a client whose events
  // cannot be missed (Electron's IPC) fetches once at the start.
  const streamed = isStreamed(client);

  useEffect(() => {
    const offView = client.on('flow:snapshot', setView);
    const offDevices = client.on('device:status', onDevices);
    const offSettings = client.on('settings:changed', onSettings);
    void client.invoke('app:info', {}).then((r) => r.ok && setHardware(r.value.hardware));
    if (!streamed) catchUpAndStart();
    return () => {
      offView();
      offDevices();
      offSettings();
    };
  }, [client, streamed, setView, catchUpAndStart, onDevices, onSettings]);

  // Back after a command found the host unreachable: catch up (a streamed client does on reopen).
  const wasConnected = useRef(true);
  useEffect(() => {
    if (connected && !wasConnected.current && !streamed) void catchUp();
    wasConnected.current = connected;
  }, [connected, streamed, catchUp]);
  useEffect(() => {
    onStreamOpen.current = catchUpAndStart;
  }, [catchUpAndStart]);

  const send = useCallback(
    (event: FlowEvent) => {
      void client.invoke('flow:send', event).then((r) => {
        if (r.ok) setView(r.value);
        setConnected(r.ok || r.error.code !== 'unavailable');
      });
    },
    [client, setView],
  );

  // Any touch or key press tells the flow that someone is still there.
  const screen = view?.screen.name;
  useEffect(() => {
    if (!screen || screen === 'welcome') return undefined;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastActivity.current < ACTIVITY_THROTTLE_MS) return;
      lastActivity.current = now;
      send({ type: 'ACTIVITY' });
    };
    document.addEventListener('pointerdown', onActivity, true);
    document.addEventListener('keydown', onActivity, true);
    return () => {
      document.removeEventListener('pointerdown', onActivity, true);
      document.removeEventListener('keydown', onActivity, true);
    };
  }, [screen, send]);

  return { client, view, devices: cameraReported ? devices : null, hardware, settings, connected, send };
}
