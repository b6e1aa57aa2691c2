/**
 * Runs the kiosk flow machine with fake actors and fake timers: every actor's input is recorded,
 * every one can be held open (a deferred promise) to look at the screen while it works.
 */
import type { FaceReferenceSource } from '../../../../shared/steps/face/face.step';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { createActor, fromPromise, type Actor, type SnapshotFrom } from 'xstate';
import type { ServiceEntry, Step } from '../../../../shared/catalog/catalog-schema';
import type { IdentityCard } from '../../../../shared/catalog/questions';
import { catalog as realCatalog } from '../../../../shared/catalog/services';
import type { FlowEvent } from '../../../../shared/contract/events';
import type { ScreenName, ScreenOf } from '../../../../shared/contract/screens';
import { generateReference } from '../../../../shared/domain/reference';
import { checkSubmissionMachine } from '../../../../shared/flows/check-submission.machine';
import type { SubmissionStatus } from '../../../../shared/flows/check-submission.view';
import type { FlowInput, InternalEvent } from '../../../../shared/flows/flow-context';
import { toFlowView } from '../../../../shared/flows/flow-view';
import { buildKioskMachine, type KioskMachine } from '../../../../shared/flows/kiosk.machine';
import type { Identity } from '../../../../shared/flows/session';
import { identityFromCard } from '../../../../shared/steps/identify/identify.part';
import type { LookupData, LookupKind } from '../../../../shared/steps/lookup/lookup-kinds';
import type { PaymentResult, PaymentStart, PaymentStarted } from '../../../../shared/steps/pay/pay.actors';
import type { PrintRequest } from '../../../../shared/steps/print/print.actors';
import type { RATING_REASONS } from '../../../../shared/steps/rating/rating.step';
import type { SubmissionDraft } from '../../../../shared/steps/submit/submit.step';

export const WARN = 60_000;
export const RESET = 30_000;
/** "Today" in every flow test: eligibility, expiry and date answers are judged against it. */
export const NOW = new Date('2026-06-01T10:00:00');

/** A fictional resident ID card, valid, with a correct check digit. */
export const CARD: IdentityCard = {
  name: '测试员',
  sex: 'M',
  ethnicity: '01',
  birthDate: '1980-03-15',
  address: '北京市朝阳区示例路1号',
  idNumber: '110105198003150012',
  authority: '北京市公安局朝阳分局',
  validFrom: '2015-03-01',
  validTo: '2035-03-01',
};

/** A travel document's holder as the MRZ reader would give them. */
export function documentIdentity(code: 'CS' | 'CD' | 'P', overrides: Partial<Identity> = {}): Identity {
  const method = code === 'CS' ? 'hkMacaoPermit' : code === 'CD' ? 'taiwanPermit' : 'passport';
  return {
    method,
    name: 'CESHI YUAN',
    idNumber: null,
    sex: 'F',
    birthDate: '1990-01-01',
    document: { type: code, number: `${code}1234567`, validTo: '2030-01-01' },
    card: null,
    phoneMasked: null,
    ...overrides,
  };
}

/** Who the platform says an ID number belongs to, after a right one-time code. */
export function otpIdentity(idNumber = CARD.idNumber): Identity {
  return { method: 'idNumberOtp', name: CARD.name, idNumber, sex: 'M', birthDate: CARD.birthDate, document: { type: 'none', number: idNumber, validTo: null }, card: null, phoneMasked: '139****0000' };
}

/** A reference number the fake queue hands out. */
export const REFERENCE = generateReference('K01', (n) => Uint8Array.from({ length: n }, (_, i) => i * 7 + 3));

/** The fake platform's data, by lookup kind. */
export const LOOKUP_DATA: Partial<Record<LookupKind, LookupData>> = {
  fines: {
    kind: 'fines',
    data: {
      plate: '京A12345',
      items: [
        { id: 'f1', amountFen: 20000, date: '2026-05-01', place: 'Road 1', offence: '1039', points: 0, payable: true },
        { id: 'f2', amountFen: 5000, date: '2026-05-02', place: 'Road 2', offence: '1040', points: 0, payable: true },
        { id: 'f3', amountFen: 20000, date: '2026-05-03', place: 'Road 3', offence: '1352', points: 6, payable: false },
      ],
    },
  },
  licence: { kind: 'licence', data: { licenceClass: 'C1', validTo: '2026-08-01', points: 0, status: 'valid', renewable: true } },
  household: { kind: 'household', data: { householdNumber: 'H001', address: '北京市朝阳区示例路1号', relation: 'head', registeredSince: '2000-01-01' } },
};

interface Inputs {
  readCard: { sessionId: string };
  prepareFaceReference: { sessionId: string; identity: Identity | null };
  readDocument: { code: 'CS' | 'CD' | 'P' };
  requestCode: { idNumber: string; sessionId: string };
  verifyCode: { idNumber: string; code: string; sessionId: string };
  lookup: { kind: LookupKind; params: Record<string, string>; sessionId: string };
  startPayment: PaymentStart;
  awaitPayment: { orderId: string };
  enqueue: SubmissionDraft;
  print: PrintRequest;
  saveRating: { serviceId: string; level: number; reason: (typeof RATING_REASONS)[number] | null };
  lookupStatus: { reference: string; sessionId: string };
  reprint: { reference: string };
}

interface Outputs {
  readCard: Identity;
  prepareFaceReference: FaceReferenceSource | 'locked';
  readDocument: Identity;
  requestCode: { phoneMasked: string };
  verifyCode: Identity;
  lookup: LookupData;
  startPayment: PaymentStarted;
  awaitPayment: PaymentResult;
  enqueue: { reference: string };
  print: { documentNumber: string | null };
  saveRating: void;
  lookupStatus: SubmissionStatus;
  reprint: void;
}

export type ActorName = keyof Inputs;
export type Fakes = { [K in ActorName]: (input: Inputs[K]) => Promise<Outputs[K]> };

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const ACTOR_NAMES: readonly ActorName[] = ['readCard', 'prepareFaceReference', 'readDocument', 'requestCode', 'verifyCode', 'lookup', 'startPayment', 'awaitPayment', 'enqueue', 'print', 'saveRating', 'lookupStatus', 'reprint'];

function defaultFakes(calls: { [K in ActorName]: Inputs[K][] }): Fakes {
  return {
    readCard: async () => identityFromCard(CARD),
    // The card's photo (or the one on file) is there: the face step shows the camera.
    prepareFaceReference: async () => 'card',
    readDocument: async ({ code }) => documentIdentity(code),
    requestCode: async () => ({ phoneMasked: '139****0000' }),
    verifyCode: async ({ idNumber }) => otpIdentity(idNumber),
    lookup: async ({ kind }) => {
      const data = LOOKUP_DATA[kind];
      if (!data) throw new Error(`no fake data for ${kind}`);
      return data;
    },
    startPayment: async ({ orderId }) => ({ qrText: `pay:${orderId}`, expiresAt: Date.now() + 120_000 }),
    awaitPayment: async ({ orderId }) => ({ status: 'paid', transactionId: `T-${orderId}`, amountFen: calls.startPayment.at(-1)?.amountFen ?? 0 }),
    enqueue: async () => ({ reference: REFERENCE }),
    print: async ({ step }) => ({ documentNumber: step.output === 'slip' ? null : `DOC-${step.id}` }),
    saveRating: async () => undefined,
    lookupStatus: async () => ({ found: false }),
    reprint: async () => undefined,
  };
}

export interface Flow {
  machine: KioskMachine;
  actor: Actor<KioskMachine>;
  /** What each actor does now; replace one to change what the next call does. */
  fakes: Fakes;
  /** Every input each actor was started with, in order. */
  calls: { [K in ActorName]: Inputs[K][] };
  /** How many runs of each actor were stopped before they settled (the flow left their state). */
  aborted: Record<ActorName, number>;
  send(event: FlowEvent | InternalEvent): void;
  view(): ReturnType<typeof toFlowView>;
  screen(): ReturnType<typeof toFlowView>['screen'];
  /** The screen, narrowed to the name it must have. */
  screenAs<N extends ScreenName>(name: N): ScreenOf<N>;
  /** Lets settled promise actors deliver their result. */
  settle(): Promise<void>;
  /** Makes an actor wait: each call gets a deferred the test resolves or rejects. */
  hold<K extends ActorName>(name: K): Deferred<Outputs[K]>[];
  done(): boolean;
  /** Persists the snapshot as the host does (JSON), stops the actor, and starts a new one of the same machine from it. */
  resume(): void;
}

export interface FlowOptions {
  input?: Partial<FlowInput>;
}

/** Starts a flow of `catalog` with the default fakes. */
export function startFlow(catalog: readonly ServiceEntry[] = realCatalog, options: FlowOptions = {}): Flow {
  const calls = Object.fromEntries(ACTOR_NAMES.map((n) => [n, []])) as unknown as Flow['calls'];
  const aborted = Object.fromEntries(ACTOR_NAMES.map((n) => [n, 0])) as Record<ActorName, number>;
  const fakes = defaultFakes(calls);
  const fake = <K extends ActorName>(name: K) =>
    fromPromise<Outputs[K], Inputs[K]>(async ({ input, signal }) => {
      calls[name].push(input);
      signal.addEventListener('abort', () => (aborted[name] += 1));
      return fakes[name](input);
    });
  const machine = buildKioskMachine(catalog).provide({
    actors: {
      readCard: fake('readCard'),
      prepareFaceReference: fake('prepareFaceReference'),
      readDocument: fake('readDocument'),
      requestCode: fake('requestCode'),
      verifyCode: fake('verifyCode'),
      lookup: fake('lookup'),
      startPayment: fake('startPayment'),
      awaitPayment: fake('awaitPayment'),
      enqueue: fake('enqueue'),
      print: fake('print'),
      saveRating: fake('saveRating'),
      checkSubmission: checkSubmissionMachine.provide({ actors: { lookupStatus: fake('lookupStatus'), reprint: fake('reprint') } }),
    },
  });
  const input: FlowInput = { sessionId: 's1', defaultLang: 'zh-CN', idleWarnMs: WARN, idleResetMs: RESET, ...options.input };
  const flow: Flow = {
    machine,
    actor: createActor(machine, { input }),
    fakes,
    calls,
    aborted,
    send: (event) => flow.actor.send(event),
    view: () => toFlowView(flow.actor.getSnapshot()),
    screen: () => flow.view().screen,
    screenAs: <N extends ScreenName>(name: N) => {
      const screen = flow.screen();
      if (screen.name !== name) throw new Error(`expected the ${name} screen, got ${JSON.stringify(screen)}`);
      return screen as ScreenOf<N>;
    },
    settle: async () => {
      await vi.advanceTimersByTimeAsync(0);
    },
    hold: <K extends ActorName>(name: K) => {
      const held: Deferred<Outputs[K]>[] = [];
      fakes[name] = (() => {
        const d = deferred<Outputs[K]>();
        held.push(d);
        return d.promise;
      }) as Fakes[K];
      return held;
    },
    done: () => flow.actor.getSnapshot().status === 'done',
    resume: () => {
      const persisted = JSON.parse(JSON.stringify(flow.actor.getPersistedSnapshot())) as SnapshotFrom<KioskMachine>;
      flow.actor.stop();
      flow.actor = createActor(machine, { input, snapshot: persisted });
      flow.actor.start();
    },
  };
  flow.actor.start();
  return flow;
}

/** Fake timers at NOW for every test of the file. */
export function useFlowClock(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** A fixture service: the given steps, nothing else that matters to the machine. */
export function service(id: string, steps: Step[], extra: Partial<ServiceEntry> = {}): ServiceEntry {
  return { id, family: 'household', bring: ['idCard'], minutes: 2, devices: [], steps, ...extra };
}

export const IDENTIFY: Step = { kind: 'identify', id: 'identify', methods: ['idCard'] };
export const CHECK: Step = { kind: 'check', id: 'check' };
export const SUBMIT: Step = { kind: 'submit', id: 'submit' };
export const SLIP: Step = { kind: 'print', id: 'slip', output: 'slip', answers: [] };
export const RATING: Step = { kind: 'rating', id: 'rating' };

/** Selects the service and continues from its start page, then lets the first actors settle. */
export async function begin(flow: Flow, serviceId: string): Promise<void> {
  flow.send({ type: 'SELECT_SERVICE', serviceId });
  flow.send({ type: 'CONTINUE' });
  await flow.settle();
}

/** On the face check's camera: the host found the resident to be the holder. */
export async function passFace(flow: Flow): Promise<void> {
  await flow.settle();
  expect(flow.screen()).toMatchObject({ name: 'faceVerify', phase: 'ready' });
  flow.send({ type: 'FACE_CHECKED', outcome: 'matched' });
}
