import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  COMMAND_NAMES,
  commands,
  isCommandName,
  type Access,
  type CommandName,
  type StaffSession,
  SUPPLIES,
  FACE_MATCH_DEFAULT,
  LANGS,
  serviceClosedBy,
  type CommandResponse,
  type Commands,
  type EventName,
  type Result,
} from '../../shared/contract';
import type { FlowEvent } from '../../shared/contract/schemas';
import type { HostConfig } from './config';
import { InvalidRequestError } from './errors';
import { FlowRunner } from './flows/flow-runner';
import { provideFlowActors } from './flows/flow-actors';
import { createDevices } from './hardware/devices';
import { loadHardwareConfig } from './hardware/hardware-config';
import { ResidentCardWatch } from './staff/resident-card-watch';
import { applySimFault } from './hardware/sim-faults';
import { simHandlers } from './sim-commands';
import { createUplink } from './sync/uplink';
import { parseUplinkConfig } from './sync/uplink-config';
import { createPhotoChecker, type PhotoChecker } from './photo/photo-checker';
import { faceEngineDetail } from './face/face-status';
import { faceHandlers } from './face/face-handlers';
import { createFaceLockout } from './face/face-lockout';
import { createFaceReferences } from './face/face-references';
import type { FaceEngineFiles } from './face/model-files';
import { PHOTO_SPECS } from '../../shared/catalog/photo-spec';
import { firstDeviceDown } from '../../shared/catalog/availability';
import { findService } from '../../shared/catalog/services';
import type { Host, HostEventListener } from './host-types';
import { createRotatingFileSink } from './log/file-sink';
import { createLogger, errorKind, tee, type Logger } from './log/logger';
import { RecentCodes, recordingLogger } from './log/recent-codes';
import { purgeExpired } from './queue/retention';
import { reconcilePayments } from './payments/reconcile';
import { createPlatform } from './platform/create-platform';
import { createLookupLimiter } from './flows/lookup-limiter';
import { holdsSealedData, openDatabase, type Recovery } from './store/db';
import { scheduleFullCheck } from './store/integrity-check';
import { appendAudit, verifyAudit } from './store/repos/audit-log';
import { verifyRowDigests } from './store/repos/row-audit';
import { buildSlip } from './hardware/escpos';
import { formatTime } from './slip';
import { loadKeys, type KeySet, type KeyWrapper } from './crypto/key-store';
import { detectTpmWrapper } from './crypto/systemd-creds';
import { startGated } from './host-gate';
import { prepareDataDir } from './store/data-dir';
import { lockDataFolder } from './store/data-lock';
import { Sealer } from './crypto/sealer';
import { ReviewDesk } from './staff/review';
import { MoneyDesk } from './staff/money';
import { SettingsStore } from './staff/settings-store';
import { buildReport } from './staff/reports';
import { createI18n } from '../../shared/i18n';
import type { StepDeps } from './steps/step-deps';
import { cardKeyFrom, StaffAuth } from './staff/staff-auth';
import { Supplies, SUPPLY_SPECS } from './supplies/supplies';
import { DeviceCounters } from './hardware/device-counters';
import { CardReadError } from '../../shared/hardware/id-card-reader';
import { HelpDesk } from './help/help-desk';
import { EspeakSynthesizer } from './speech/espeak';
import { speechHandlers } from './speech/speech-handlers';
import { configWithoutSecrets, diagnosticsHandlers } from './diagnostics/diagnostics';
import type { SpeechSynthesizer } from '../../shared/speech/speech';
import { scheduleDailyRestart } from './supervisor/daily-restart';
import { isHandsOn, kioskInUse } from './supervisor/kiosk-use';

export type { Host } from './host-types';


/** Who is calling: the kiosk page, with the staff session when one is open. */
interface Caller {
  staff: StaffSession | null;
}

type HandlerOf<C extends CommandName> = (request: z.output<Commands[C]['request']>, caller: Caller) => CommandResponse<C> | Promise<CommandResponse<C>>;

/** A handler for every row of the contract but the simulators' (sim-commands.ts has those): one missing fails the type check. */
type Handlers = { [C in Exclude<CommandName, `sim:${string}`>]: HandlerOf<C> };

/** True when the caller may call a command of this access level; checked before the request is read. */
export function permits(access: Access, staff: StaffSession | null): boolean {
  if (access === 'resident' || access === 'sim') return true;
  if (!staff) return false;
  return access.staff === 'any' || access.staff.some((role) => staff.roles.includes(role));
}

function fail(code: 'invalidRequest' | 'unknownCommand' | 'forbidden' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

// Zod's messages name the field and the rule, never the value: safe to return and log.
// The one exception is an unknown key, which zod quotes: its name is the sender's text
// (it could be an ID number), so it is counted, not named.
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const message = issue.code === 'unrecognized_keys' ? `${issue.keys.length} unrecognized key(s)` : issue.message;
      return issue.path.length ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}

/** What the shells may pass besides the settings. */
export interface HostOptions {
  log?: Logger;
  /** The platform secret store for the key file (Electron's safeStorage); null: none; unset: the TPM if there is one. */
  keyWrapper?: KeyWrapper | null;
  /** Other stores that may have sealed an existing key file. */
  otherKeyWrappers?: readonly KeyWrapper[];
  /** How often unreadable keys are tried again while the kiosk is out of service. */
  keyRetryMs?: number;
  /** Waits between the first key reads; tests pass one that does not wait. */
  keySleep?: (ms: number) => Promise<void>;
  /**
   * The built photo worker (photo-worker.ts): the shells pass out/main/photo-worker.js, next to
   * their own bundle; tests a bundle of their own. Unset: photo checks answer checkFailed.
   */
  photoWorkerScript?: string;
  /** The face engine's model and WebAssembly folders (tests); default those inside the installed packages. */
  faceFiles?: FaceEngineFiles;
  /** Pauses between questions to an unreachable payment terminal before an order is in doubt; tests pass none. */
  orderQueryDelaysMs?: readonly number[];
  /** The TrueType font of printed A4 documents (default Debian's GB font). */
  documentFont?: string;
  /** The clock of staff sessions and lockouts; tests pass a fake one. */
  now?: () => number;
  /** Turns the screen's text into speech (default: Debian's espeak-ng, run as a process). */
  speech?: SpeechSynthesizer;
  /**
   * How the shell restarts the kiosk (Electron: quit and be started again), for the daily restart
   * at `config.restartAt`; unset: no daily restart (nothing would start the kiosk again).
   */
  restart?: () => void;
}

/** How long staff's card-read test waits for a card. */
const CARD_TEST_MS = 30_000;

/** The commands a host in this configuration binds, whether or not it can serve yet. */
function boundCommands(config: HostConfig): readonly CommandName[] {
  return COMMAND_NAMES.filter((name) => config.hardware === 'sim' || commands[name].access !== 'sim');
}

/**
 * Wires store, hardware and flows. The same function runs inside Electron's main
 * process and inside the browser-mode server. It holds the data folder exclusively until
 * close(); a second host on the same folder stops here with DataFolderLockedError.
 */
export async function createHost(config: HostConfig, opts: HostOptions = {}): Promise<Host> {
  prepareDataDir(config.dataDir);
  const lock = lockDataFolder(config.dataDir);
  let fileSink: ReturnType<typeof createRotatingFileSink> | undefined;
  try {
    fileSink = opts.log ? undefined : createRotatingFileSink({ dir: path.join(config.dataDir, 'logs') });
    const sink = fileSink;
    const log =
      opts.log ??
      createLogger({ level: config.logLevel, write: tee((line) => process.stderr.write(line), (line) => sink?.write(line)) });
    // The shell's own store first (safeStorage), else the TPM; a file sealed by either still opens.
    const tpm = opts.keyWrapper === null ? undefined : detectTpmWrapper();
    const wrapper = opts.keyWrapper ?? tpm;
    const otherWrappers = [...(opts.otherKeyWrappers ?? []), ...(tpm && tpm !== wrapper ? [tpm] : [])];
    const keysDir = path.join(config.dataDir, 'keys');
    const dbFile = path.join(config.dataDir, 'kiosk.db');
    const load = (attempts: number) =>
      loadKeys(keysDir, {
        ...(wrapper ? { wrapper } : {}),
        otherWrappers,
        sealedDataExists: () => holdsSealedData(dbFile),
        attempts,
        ...(opts.keySleep ? { sleep: opts.keySleep } : {}),
      });
    const gate = startGated({
      config,
      commandNames: boundCommands(config),
      log,
      first: await load(3),
      retry: () => load(1),
      start: (keys) => openAndWire(config, log, keys, dbFile, opts),
      retryMs: opts.keyRetryMs ?? 30_000,
    });
    return {
      ...gate,
      async close() {
        try {
          await gate.close();
        } finally {
          sink?.close();
          lock.release();
        }
      },
    };
  } catch (error) {
    fileSink?.close();
    lock.release();
    throw error;
  }
}

/** Opens the database with readable keys and wires the working host on it. */
function openAndWire(config: HostConfig, log: Logger, keys: KeySet, dbFile: string, opts: HostOptions): Host {
  const sealer = new Sealer(keys.current, keys.older);
  let recovery: Recovery | undefined;
  const db = openDatabase(dbFile, { sealer, auditKey: keys.audit }, (r) => (recovery = r));
  try {
    if (recovery) {
      log.error('store.recovered', { movedTo: path.basename(recovery.movedTo), problem: recovery.problem });
      appendAudit(db, { actor: 'kiosk', action: 'store.recovered', subject: null, detail: { movedTo: path.basename(recovery.movedTo), problem: recovery.problem } }, Date.now());
    }
    return wireHost(config, log, db, sealer, keys, opts);
  } catch (error) {
    db.close();
    throw error;
  }
}

function wireHost(config: HostConfig, hostLog: Logger, db: Database, sealer: Sealer, keys: KeySet, opts: HostOptions): Host {
  // The clock of staff sessions, lockouts, supplies, settings and reports; tests pass a fake one.
  const now = opts.now ?? Date.now;
  const startedAt = now();
  // The latest warnings and errors, by code, for the heartbeat.
  const recentCodes = new RecentCodes(now);
  const log = recordingLogger(hostLog, recentCodes);
  const { photoWorkerScript } = opts;
  const hardware = config.hardware === 'real' ? loadHardwareConfig(config.dataDir) : {};
  const devices = createDevices({ hardware, simulate: config.hardware === 'sim', dataDir: config.dataDir, log });
  const { sims } = devices;
  for (const { device, fault } of config.simFaults) applySimFault(sims, devices.camera, device, fault, devices.storage);
  const listeners = new Set<HostEventListener>();

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        log.warn('host.listenerFailed', { event, error: errorKind(error) });
      }
    }
  };
  const unwatch = [devices.onChange(() => emit('device:status', statuses()))];
  // Whether someone is at the kiosk, for the daily restart: the last hands-on command, a call.
  let lastUseAt = Number.NEGATIVE_INFINITY;
  let stationCall = false;
  // The last photo that passed the check, waiting for the resident's "Use this photo".
  let pendingPhoto: { sessionId: string; base64: string } | null = null;
  // Started now, so that its thread is up before a resident reaches the camera.
  const photos: PhotoChecker = createPhotoChecker({ script: photoWorkerScript, log, ...(opts.faceFiles ? { faceFiles: opts.faceFiles } : {}) });
  // A face engine that failed to load makes the camera a hardware error: the photo services are
  // then unavailable, with the reason for staff, rather than taking photos nobody checked.
  unwatch.push(photos.onFaceStatus((status) => devices.camera.faceEngine(faceEngineDetail(status))));

  const uplinkConfig = parseUplinkConfig(config.platform);
  // Started once the supplies and help desk its heartbeat reads exist (below).
  // The platform's configuration goes through the settings (below), with an admin's checks.
  const remoteSettings = { configVersion: () => settings.configVersion(), applyRemote: (c: Parameters<SettingsStore['applyRemote']>[0]) => settings.applyRemote(c) };
  const uplink = createUplink(db, sealer, uplinkConfig, log, { kiosk: () => kioskParts(), version: config.version, recentCodes, config: remoteSettings });
  // Lookups and one-time codes: the platform when there is one, else the simulator's data set
  // when simulating, else nothing (the services that need it say they cannot be done now).
  const platform = createPlatform(uplinkConfig, log, config.hardware === 'sim' ? sims : undefined);
  if (uplink.status().platform === 'notConfigured') log.warn('sync.notConfigured', { queueingOnly: true });

  // What the devices this kiosk has use up; absent devices use nothing.
  const supplies = new Supplies(
    db,
    SUPPLIES.filter((name) => devices[SUPPLY_SPECS[name].device].kind !== 'absent'),
    { now, log, ...(hardware.supplies ? { sizes: hardware.supplies } : {}) },
  );
  const statuses = () => supplies.overlay(devices.statuses());
  // Residents asking for help, on any screen, beside their flow; `settings` is read only when one asks.
  const help = new HelpDesk({
    db,
    log,
    now,
    intercom: devices.intercom,
    stationPhone: () => settings.get().stationPhone,
    onCall: (call) => {
      stationCall = call.state === 'ringing' || call.state === 'connected';
      // Talking to the station is not being idle: the flow holds its idle time meanwhile.
      flow.deliver({ type: 'HELP_CALL', active: call.state === 'ringing' || call.state === 'connected' });
      emit('help:call', call);
    },
    // At night nobody is at the station: the platform is told at once.
    onChange: () => uplink.alert(),
  });
  const kioskParts = () => ({ devices: statuses(), supplies: supplies.list(), help: help.summary() });
  unwatch.push(
    supplies.onChange(() => {
      emit('device:status', statuses());
      // Low and out are the platform's business too: someone has to come and refill.
      uplink.alert();
    }),
    // A device that fails or comes back is the platform's business at once, not at the next heartbeat.
    devices.onChange(() => uplink.devicesChanged(statuses())),
  );
  uplink.start();

  let stopping = false;
  // Each session's photo to compare faces with, in memory only; dropped when the session changes.
  const faces = createFaceReferences();
  // Misses of the face check by document, across sessions (in memory; see face-lockout.ts).
  const faceLockout = createFaceLockout();
  // What the step actors work with; staff's reprints use the same.
  const stepDeps: StepDeps = {
    db,
    sealer,
    devices,
    platform,
    kioskId: config.kioskId,
    log,
    lookupLimiter: createLookupLimiter({ log }),
    onQueued: () => uplink.notify(),
    supplies,
    counters: new DeviceCounters(now),
    isStopping: () => stopping,
    faces,
    faceLockout,
    photos,
    ...(opts.orderQueryDelaysMs ? { orderQueryDelaysMs: opts.orderQueryDelaysMs } : {}),
    ...(opts.documentFont ? { documentFont: opts.documentFont } : {}),
  };
  // Read before the flow starts: the stored idle times (an admin's) win over the environment's
  // from the very first session, as app:info already tells the screen.
  const settings = new SettingsStore({
    db,
    log,
    now,
    defaultLang: config.lang,
    defaults: { disabledServices: [], serviceHours: {}, idleWarnSeconds: Math.round(config.idleWarnMs / 1000), idleResetSeconds: Math.round(config.idleResetMs / 1000), languages: [...LANGS], stationName: '', stationPhone: '', faceMatchThreshold: FACE_MATCH_DEFAULT },
    onChange: (next) => {
      flow.setIdle(next.idleWarnSeconds * 1000, next.idleResetSeconds * 1000);
      emit('settings:changed', settings.public());
    },
  });
  const flow = new FlowRunner({
    db,
    sealer,
    machine: provideFlowActors(stepDeps),
    defaultLang: config.lang,
    idleWarnMs: settings.get().idleWarnSeconds * 1000,
    idleResetMs: settings.get().idleResetSeconds * 1000,
    log,
    onView: (view) => {
      // A photo waiting for "Use this photo" belongs to its session and goes with it.
      if (pendingPhoto && pendingPhoto.sessionId !== view.sessionId) pendingPhoto = null;
      // So does a call to the station: the next resident does not inherit it.
      help.sessionChanged(view.sessionId);
      // And the photo and face the session's face check compares with.
      faces.keepOnly(view.sessionId);
      emit('flow:snapshot', view);
    },
  });
  flow.start();
  // No call outlives the process: a session restored after a crash is not held by one.
  flow.deliver({ type: 'HELP_CALL', active: false });

  const staff = new StaffAuth({
    db,
    dataDir: config.dataDir,
    cardKey: cardKeyFrom(keys.audit.key),
    now,
    log,
    onEvent: (event) => {
      if (event.kind === 'signedIn') residentCards.start();
      if (event.kind === 'ended') {
        residentCards.stop();
        // A reprint waiting for a permit goes with the staff member who started it.
        money.cancelReprint();
      }
      emit('staff:event', event);
    },
  });
  // A resident's card on the reader ends a staff session, on real readers and simulated ones.
  const residentCards = new ResidentCardWatch(devices.idCardReader, () => staff.end('residentCard'));
  unwatch.push(
    () => residentCards.stop(),
    // A staff card held to its reader: the door asks for the PIN (or an admin gives it to a new staff member).
    devices.staffCardReader.onCard((uid) => staff.presentCard(uid)),
  );
  const money = new MoneyDesk({ ...stepDeps, now, activeOrderId: () => flow.activeOrderId(), onRequeued: () => uplink.notify() });
  const review = new ReviewDesk({ db, sealer, log, now, onDecided: () => uplink.notify() });
  // A session idle for two minutes ends by itself, and the screen is told so.
  const staffTimer = setInterval(() => staff.current(), 5_000);
  staffTimer.unref();

  const purge = () => {
    try {
      const purged = purgeExpired(db, { retentionDays: config.retentionDays, now: Date.now() });
      if (purged.length > 0) log.info('retention.purged', { count: purged.length, retentionDays: config.retentionDays });
    } catch (error) {
      log.error('retention.failed', { error: errorKind(error) });
    }
  };
  purge();
  const purgeTimer = setInterval(purge, 60 * 60 * 1000);
  purgeTimer.unref();

  // Orders left open by a crash, a refused cancel or an unreachable terminal are settled in the
  // background: money found is recorded, matched or listed for refund.
  let reconciling: Promise<unknown> = Promise.resolve();
  const reconcile = () => {
    reconciling = reconcilePayments(db, devices.paymentTerminal, { activeOrderId: flow.activeOrderId(), now: Date.now, log }).catch((error: unknown) =>
      log.error('payments.reconcileFailed', { error: errorKind(error) }),
    );
  };
  reconcile();
  const reconcileTimer = setInterval(reconcile, 5 * 60 * 1000);
  reconcileTimer.unref();

  const { restart } = opts;
  const inUse = () => {
    const view = flow.view();
    return kioskInUse({ screen: view.screen.name, lang: view.lang, defaultLang: config.lang, staffSignedIn: staff.current() !== null, stationCall, lastUseAt, now: now() });
  };
  const stopDailyRestart = restart && config.restartAt ? scheduleDailyRestart({ at: config.restartAt, restart, log, inUse }) : () => undefined;
  // Start-up ran quick_check only; the full check runs on a worker thread, and damage it finds
  // restarts the kiosk (when idle) into the start-up's recovery.
  const stopFullCheck = scheduleFullCheck({
    file: db.name,
    log,
    inUse,
    ...(restart ? { restart } : {}),
    audit: (problem) => appendAudit(db, { actor: 'kiosk', action: 'store.damageFound', subject: null, detail: { problem } }, Date.now()),
  });

  const handlers: Handlers = {
    ...faceHandlers({ db, log, flow, faces, lockout: faceLockout, photos, threshold: () => settings.get().faceMatchThreshold, now: Date.now }),
    ...speechHandlers(opts.speech ?? new EspeakSynthesizer(), log),
    ...diagnosticsHandlers({
      db,
      log,
      now,
      logDir: path.join(config.dataDir, 'logs'),
      kioskId: config.kioskId,
      version: config.version,
      startedAt,
      drives: config.usbRoots ? { roots: config.usbRoots } : {},
      devices: statuses,
      counters: () => stepDeps.counters!.all(),
      queue: () => uplink.status().backlog,
      supplies: () => supplies.list(),
      heartbeatCodes: () => recentCodes.list(),
      config: () => configWithoutSecrets(config, settings.get(), hardware),
    }),
    'app:info': () => ({
      availability: { state: 'ready' as const },
      version: config.version,
      kioskId: config.kioskId,
      defaultLang: config.lang,
      hardware: config.hardware,
      idle: { warnMs: settings.get().idleWarnSeconds * 1000, resetMs: settings.get().idleResetSeconds * 1000 },
    }),
    'flow:get': () => flow.view(),
    'flow:send': (event: FlowEvent) => {
      // A resident at the screen ends a staff session: staff mode and a resident's session never overlap.
      if (event.type !== 'ACTIVITY') staff.end('residentActivity');
      if (event.type === 'SELECT_SERVICE') {
        // A service whose devices are not ready is not started, whatever the page shows: the
        // welcome screen already says why it is unavailable. The camera is left out: its state is
        // the page's own report, and the photo step handles a camera that is not there.
        const entry = findService(event.serviceId);
        // A failed face engine is the host's own knowledge, not the page's: it does count.
        const faceDown = faceEngineDetail(photos.faceStatus()) !== null;
        const down = entry ? firstDeviceDown({ devices: entry.devices.filter((d) => d !== 'camera' || faceDown) }, statuses()) : null;
        const closed = serviceClosedBy(settings.get(), event.serviceId, new Date(now()));
        if (down || closed) {
          log.info('flow.serviceUnavailable', { serviceId: event.serviceId, device: down, settings: closed });
          return flow.view();
        }
      }
      // Only the languages offered.
      if (event.type === 'SET_LANG' && !settings.get().languages.includes(event.lang)) return flow.view();
      if (event.type !== 'PHOTO_ACCEPT') return flow.send(event);
      // The photo itself comes from the host's own check, never from the page.
      const current = flow.view();
      if (pendingPhoto && pendingPhoto.sessionId === current.sessionId && current.screen.name === 'photo') {
        flow.deliver({ type: 'PHOTO_TAKEN', photo: pendingPhoto.base64 });
      }
      pendingPhoto = null;
      return flow.view();
    },
    'photo:check': async ({ jpegBase64 }) => {
      const current = flow.view();
      if (current.screen.name !== 'photo') return { ok: false as const, problems: ['notTakingPhoto'] };
      // Off this thread: a large frame takes seconds to decode, and every other command waits meanwhile.
      const result = await photos.check(jpegBase64, PHOTO_SPECS[current.screen.spec]);
      log.info('photo.checked', { ok: result.ok, problems: result.ok ? null : result.problems.join(',') });
      if (!result.ok) return { ok: false as const, problems: result.problems };
      // The resident may have left, or been timed out, during the check: the photo belongs to the
      // session that took it, and must not be offered to the next resident.
      const after = flow.view();
      if (after.sessionId !== current.sessionId || after.screen.name !== 'photo') {
        log.info('photo.discarded', { reason: after.sessionId !== current.sessionId ? 'sessionEnded' : 'screenLeft' });
        return { ok: false as const, problems: ['notTakingPhoto'] };
      }
      const base64 = Buffer.from(result.jpeg).toString('base64');
      pendingPhoto = { sessionId: current.sessionId, base64 };
      return { ok: true as const, photoBase64: base64 };
    },
    'device:status': () => statuses(),
    'settings:get': () => settings.public(),
    'help:request': () => help.request(flow.view()),
    'help:call': () => help.call(flow.view()),
    'help:hangUp': () => help.hangUp(flow.view()),
    'door:status': () => ({ hasStaff: staff.hasStaff(), cardPresented: staff.cardWaiting(), session: staff.current() }),
    'door:signIn': (request) => {
      // Only from the welcome screen: a resident's session is never turned into a staff one.
      if (flow.view().screen.name !== 'welcome') return { signedIn: false as const, reason: 'residentSession' as const, attemptsLeft: null, lockedUntil: null };
      return staff.signIn(request.method === 'card' ? { card: true, pin: request.pin } : { staffNumber: request.staffNumber, pin: request.pin });
    },
    'door:setUp': (request) => {
      if (flow.view().screen.name !== 'welcome') return { signedIn: false as const, reason: 'residentSession' as const, attemptsLeft: null, lockedUntil: null };
      return staff.setUp(request);
    },
    'staff:session': (_request, caller) => caller.staff!,
    'staff:signOut': () => {
      staff.end('signedOut');
      return { signedOut: true as const };
    },
    'staff:sync': () => uplink.status(),
    'staff:devices': () => statuses(),
    'staff:deviceCounters': () => stepDeps.counters!.all(),
    'staff:cardTest': async (_request, caller) => {
      // Up to half a minute for a card; while it waits, a resident card is the test, not the end of staff mode.
      const wait = new AbortController();
      const timer = setTimeout(() => wait.abort(), CARD_TEST_MS);
      const resumeWatch = residentCards.pause();
      let result: 'read' | 'unreadable' | 'readerUnavailable' | 'noCard';
      try {
        await devices.idCardReader.readCard(wait.signal);
        result = 'read';
      } catch (error) {
        result = wait.signal.aborted ? 'noCard' : error instanceof CardReadError && error.code === 'readerUnavailable' ? 'readerUnavailable' : 'unreadable';
      } finally {
        clearTimeout(timer);
        resumeWatch();
      }
      stepDeps.counters!.record('idCardReader', result === 'read' ? 'ok' : result);
      appendAudit(db, { actor: `staff:${caller.staff!.staffNumber}`, action: 'device.cardTest', subject: 'idCardReader', detail: { result } }, Date.now());
      return { result };
    },
    'staff:cameraTest': async ({ jpegBase64 }, caller) => {
      const result = await photos.check(jpegBase64, PHOTO_SPECS.residentId);
      appendAudit(db, { actor: `staff:${caller.staff!.staffNumber}`, action: 'device.cameraTest', subject: 'camera', detail: { ok: result.ok } }, Date.now());
      return result.ok ? { ok: true as const, photoBase64: Buffer.from(result.jpeg).toString('base64') } : { ok: false as const, problems: result.problems };
    },
    'staff:supplies': () => supplies.list(),
    'staff:refill': ({ supply }, caller) => {
      const refilled = supplies.refill(caller.staff!.staffNumber, supply);
      if (!refilled) throw new InvalidRequestError('This kiosk has no such supply.');
      return refilled;
    },
    'staff:queue': (request) => review.page(request),
    'staff:submission': ({ reference }, caller) => review.open(reference, caller.staff!.staffNumber),
    'staff:decide': (request, caller) => review.decide(request, caller.staff!.staffNumber),
    'staff:money': () => money.overview(),
    'staff:refund': async ({ orderId }, caller) => ({ result: await money.refund(orderId, caller.staff!.staffNumber) }),
    'staff:retrySubmission': ({ reference }, caller) => {
      money.retry(reference, caller.staff!.staffNumber);
      return { requeued: true as const };
    },
    'staff:reprint': async ({ reference }) => ({ result: await money.reprint(reference) }),
    'staff:cancelReprint': () => ({ canceled: money.cancelReprint() }),
    'staff:testPrint': async (_request, caller) => {
      // A short slip with no reference and nothing personal: the time and who asked.
      const at = new Date();
      const result = await devices.receiptPrinter.print(
        buildSlip({ title: '测试打印 / Test print', referenceLabel: 'Staff', reference: caller.staff!.staffNumber, rows: [], footer: [], printedAt: formatTime(at) }),
      );
      if (result.code === 'success') supplies.use('receiptPaper', 1);
      appendAudit(db, { actor: `staff:${caller.staff!.staffNumber}`, action: 'device.testPrint', subject: 'receiptPrinter', detail: { result: result.code } }, Date.now());
      return { result: result.code };
    },
    'staff:syncNow': () => {
      uplink.notify();
      return { started: true as const };
    },
    'staff:auditVerify': (_request, caller) => {
      const verdict = verifyAudit(db);
      const rows = verifyRowDigests(db);
      appendAudit(db, { actor: `staff:${caller.staff!.staffNumber}`, action: 'audit.verified', subject: null, detail: { ok: verdict.ok && rows.ok } }, Date.now());
      return { ok: verdict.ok && rows.ok, entries: verdict.entries, rows: rows.rows, brokenAt: verdict.ok ? null : verdict.brokenAt };
    },
    'staff:report': () => buildReport(db, now()),
    'staff:printSummary': async (_request, caller) => {
      // The end-of-day summary: counts and ratings only, in the kiosk's language.
      const report = buildReport(db, now());
      const t = createI18n(config.lang).t;
      const rows = report.byServiceToday.map((s) => ({ label: t(`services.${s.serviceId}.title`), value: String(s.count) }));
      rows.push({ label: t('staff.report.total'), value: String(report.byServiceToday.reduce((a, s) => a + s.count, 0)) });
      if (report.ratings.average !== null) rows.push({ label: t('staff.report.ratingAverage'), value: `${report.ratings.average} / 5 (${report.ratings.count})` });
      const result = await devices.receiptPrinter.print(
        buildSlip({ title: t('staff.report.summaryTitle'), heading: config.kioskId, referenceLabel: t('staff.report.day'), reference: report.today, rows, footer: [], printedAt: formatTime(new Date()) }),
      );
      if (result.code === 'success') supplies.use('receiptPaper', 1);
      appendAudit(db, { actor: `staff:${caller.staff!.staffNumber}`, action: 'report.printed', subject: report.today, detail: { result: result.code } }, Date.now());
      return { result: result.code };
    },
    'staff:settings': () => settings.get(),
    'staff:saveSettings': (request, caller) => settings.save(caller.staff!.staffNumber, request),
    'staff:listStaff': () => staff.list(),
    'staff:addStaff': async (request, caller) => ({ result: await staff.addStaff(caller.staff!.staffNumber, request) }),
    'staff:help': () => help.list(),
    'staff:closeHelp': ({ id }, caller) => help.close(id, caller.staff!.staffNumber),
    'camera:report': ({ state }) => {
      devices.camera.report(state);
      return statuses();
    },
  };

  // Every command this host binds: the simulators' only when they were chosen.
  const bound: Partial<Record<CommandName, (request: unknown, caller: Caller) => unknown>> = { ...(handlers as Record<string, (request: unknown, caller: Caller) => unknown>) };
  if (config.hardware === 'sim') {
    Object.assign(bound, simHandlers(devices, flow, { supplies }));
  }

  const commandNames = COMMAND_NAMES.filter((name) => bound[name] !== undefined);

  return {
    commandNames,
    async handle(command, request) {
      const handler = isCommandName(command) ? bound[command] : undefined;
      if (!isCommandName(command) || !handler) {
        return fail('unknownCommand', 'There is no such command.');
      }
      const spec = commands[command];
      // Who may call it, before anything of the request is read.
      const session = spec.access === 'resident' || spec.access === 'sim' ? null : staff.current();
      if (!permits(spec.access, session)) return fail('forbidden', 'This needs a staff member signed in with the right role.');
      if (session) staff.touch();
      if (isHandsOn(command)) lastUseAt = now();
      const parsed = spec.request.safeParse(request);
      if (!parsed.success) return fail('invalidRequest', describeIssues(parsed.error));
      try {
        return { ok: true, value: await handler(parsed.data, { staff: session }) };
      } catch (error) {
        if (error instanceof InvalidRequestError) return fail('invalidRequest', error.message);
        log.error('host.commandFailed', { command, error: errorKind(error) });
        return fail('internal', 'The kiosk could not do that. Please try again.');
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopDailyRestart();
      stopFullCheck();
      clearInterval(purgeTimer);
      clearInterval(staffTimer);
      clearInterval(reconcileTimer);
      // The flow first, in this tick: nothing a resident started moves on once close() was called,
      // and nothing is undone either (an order stays open, to resume after the restart).
      stopping = true;
      flow.stop();
      // A check still running is answered checkFailed, and its thread is stopped rather than awaited.
      await photos.close();
      await reconciling;
      await help.stop();
      await uplink.stop();
      platform.close?.();
      for (const stop of unwatch) stop();
      listeners.clear();
      await devices.close();
      db.close();
    },
  };
}
