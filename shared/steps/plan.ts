import type { ServiceEntry } from '../catalog/catalog-schema';
import type { FlowContext, StepLocal } from '../flows/flow-context';

/** Where a step's part sits in its service: its index, and the state ids it moves to. */
export interface PartPlan {
  entry: ServiceEntry;
  index: number;
  /** Absolute state ids (`#kiosk.svc_<id>.steps.s<n>`). */
  self: string;
  next: string;
  back: string;
  /** The state id of step `i` of this service. */
  stateOf(i: number): string;
  /** Indices of the later steps a Change can return to (the check pages after this step). */
  returnsTo: readonly number[];
  /** The earlier steps a Change link can open, by the answer or photo it points at. */
  changeTargets: readonly { item: string; index: number }[];
}

/** The step's own state, narrowed to its kind; a fresh one when the flow holds another kind's. */
export function localOf<K extends StepLocal['kind']>(context: FlowContext, kind: K, fresh: () => Extract<StepLocal, { kind: K }>): Extract<StepLocal, { kind: K }> {
  return context.local.kind === kind ? (context.local as Extract<StepLocal, { kind: K }>) : fresh();
}

/** After a Change: the transitions back to the check page the resident came from. */
export function returnTransitions<A>(plan: PartPlan, actions: A) {
  return plan.returnsTo.map((j) => ({
    guard: ({ context }: { context: FlowContext }) => context.returnTo === j,
    target: plan.stateOf(j),
    actions,
  }));
}
