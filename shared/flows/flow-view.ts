import type { SnapshotFrom, StateValue } from 'xstate';
import type { ServiceEntry } from '../catalog/catalog-schema';
import type { Lang } from '../contract/lang';
import type { FlowView, ScreenView, UnavailableReason } from '../contract/screens';
import { moduleOf } from '../steps/registry';
import type { CheckSubmissionMachine } from './check-submission.machine';
import type { KioskMachine } from './kiosk.machine';

type KioskSnapshot = SnapshotFrom<KioskMachine>;

function firstKey(value: StateValue): [string, StateValue | null] {
  if (typeof value === 'string') return [value, null];
  const [key] = Object.keys(value);
  return [key ?? '', key ? (value[key] ?? null) : null];
}

function checkScreen(snapshot: KioskSnapshot): ScreenView {
  const child = snapshot.children.checkSubmission as { getSnapshot(): SnapshotFrom<CheckSubmissionMachine> } | undefined;
  const check = child?.getSnapshot();
  if (!check) return { name: 'lookup', error: null, reference: null, checking: false };
  const { context } = check;
  // Checking again after a reprint keeps the result on screen instead of flashing the form.
  if ((check.matches('result') || check.matches('reprinting') || check.matches('checking')) && context.result && context.reference) {
    return { name: 'lookupResult', reference: context.reference, result: context.result, reprint: context.reprint };
  }
  return { name: 'lookup', error: context.error, reference: context.reference, checking: check.matches('checking') };
}

// The catalog entry a service state was built from (kept in its meta), so a machine built from any catalog gets its views.
function serviceEntryOf(snapshot: KioskSnapshot, stateKey: string): ServiceEntry | undefined {
  const meta = snapshot.machine.root.states[stateKey]?.meta as { entry?: ServiceEntry } | undefined;
  return meta?.entry;
}

/** Projects the flow's snapshot onto what the screen shows: one screen view, built by its step kind. */
export function toFlowView(snapshot: KioskSnapshot, seq = 0): FlowView {
  const { context } = snapshot;
  const base = {
    seq,
    sessionId: context.sessionId,
    lang: context.lang,
    serviceId: context.serviceId,
    progress: null,
    idle: { warning: context.idleResetAt !== null, resetAt: context.idleResetAt },
    submitted: context.session.reference !== null,
  };
  const [top, inner] = firstKey(snapshot.value);
  if (top === 'checking') return { ...base, screen: checkScreen(snapshot) };
  const entry = serviceEntryOf(snapshot, top);
  if (!top.startsWith('svc_') || !entry || inner === null || typeof inner === 'string') return { ...base, screen: { name: 'welcome' } };
  const [stepKey, stepValue] = firstKey((inner as Record<string, StateValue>).steps ?? 'start');
  if (stepKey === 'start') return { ...base, screen: { name: 'start', serviceId: entry.id } };
  const index = Number(stepKey.slice(1));
  const step = entry.steps[index];
  if (!step) return { ...base, screen: { name: 'welcome' } };
  const sub = stepValue === null ? null : firstKey(stepValue)[0];
  return {
    ...base,
    progress: { index, total: entry.steps.length },
    screen: moduleOf(step).view({ step, context, sub, entry, index }),
  };
}

/**
 * The one screen of a kiosk that cannot serve anyone. Sequence 0, so the first view of the
 * flow that starts once the kiosk recovers replaces it.
 */
export function unavailableView(reason: UnavailableReason, lang: Lang): FlowView {
  return {
    seq: 0,
    sessionId: 'unavailable',
    lang,
    serviceId: null,
    progress: null,
    idle: { warning: false, resetAt: null },
    submitted: false,
    screen: { name: 'unavailable', reason },
  };
}
