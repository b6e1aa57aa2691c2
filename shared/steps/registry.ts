/**
 * The step kinds, one row each: its machine part, its view, and how navigation treats it. The
 * kiosk machine and the view builder look a step up here and never name a kind themselves;
 * a kind missing a row fails the type check.
 */
import type { ServiceEntry, StepKind, StepOf } from '../catalog/catalog-schema';
import type { ScreenView } from '../contract/screens';
import type { FlowContext } from '../flows/flow-context';
import type { FlowStateConfig } from '../flows/flow-setup';
import { checkPart } from './check/check.part';
import { checkView } from './check/check.step';
import { eligibilityPart } from './eligibility/eligibility.part';
import { facePart } from './face/face.part';
import { faceView, initialFace } from './face/face.step';
import { identifyPart } from './identify/identify.part';
import { identifyView, initialIdentify } from './identify/identify.step';
import { lookupPart } from './lookup/lookup.part';
import { payPart } from './pay/pay.part';
import { amountOf } from './pay/pay.step';
import { photoPart } from './photo/photo.part';
import type { PartPlan } from './plan';
import { printPart } from './print/print.part';
import { questionsPart } from './questions/questions.part';
import { questionView } from './questions/questions.step';
import { ratingPart } from './rating/rating.part';
import { reviewPart } from './review/review.part';
import { submitPart } from './submit/submit.part';

/** What a view builder gets: the step, the flow's context, the part's sub-state, the service. */
export interface ViewArgs<K extends StepKind> {
  step: StepOf<K>;
  context: FlowContext;
  sub: string | null;
  entry: ServiceEntry;
  index: number;
}

export interface StepModule<K extends StepKind> {
  part(step: StepOf<K>, plan: PartPlan): FlowStateConfig;
  view(args: ViewArgs<K>): ScreenView;
  /** Back goes past this step: it only does work (read a card, ask the platform, commit, print). */
  skippedGoingBack: boolean;
  /** A Change on a check page comes back to a step of this kind. */
  isCheckPage: boolean;
  /** The answers or photos on a check page that this step's Change link opens. */
  items(step: StepOf<K>): string[];
}

const none = () => [];

// The fee the check page shows: what the first pay step after it will ask.
function feeAfter(entry: ServiceEntry, index: number, context: FlowContext): number {
  const pay = entry.steps.slice(index + 1).find((s) => s.kind === 'pay');
  return pay?.kind === 'pay' ? amountOf(pay, context.session) : 0;
}

export const STEP_MODULES: { [K in StepKind]: StepModule<K> } = {
  identify: {
    part: identifyPart,
    view: ({ step, context, sub }) => identifyView(step, context.local.kind === 'identify' ? context.local : initialIdentify(step), sub, context.codeFailures),
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  faceVerify: {
    part: facePart,
    view: ({ step, context, sub }) => faceView(step, context.local.kind === 'faceVerify' ? context.local : initialFace(), sub, context.faceMisses ?? 0),
    // Once the face matched (or was left to an officer) Back goes past it: a resident is not asked twice.
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  eligibility: {
    part: eligibilityPart,
    view: ({ step, context }) => ({ name: 'refused', stepId: step.id, ruleId: context.local.kind === 'eligibility' ? (context.local.refusedBy ?? '') : '' }),
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  lookup: {
    part: lookupPart,
    view: ({ step, context, sub }) => {
      const found = context.session.lookups[step.id];
      if (sub === 'shown' && found) return { name: 'lookupShown', stepId: step.id, found };
      return sub === 'failed' && context.local.kind === 'lookup' && context.local.failure
        ? { name: 'lookupFailed', stepId: step.id, lookup: step.lookup, failure: context.local.failure }
        : { name: 'lookingUp', stepId: step.id, lookup: step.lookup };
    },
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  questions: {
    part: questionsPart,
    view: ({ step, context }) =>
      (context.local.kind === 'questions' ? questionView(step, context.local, context.session, context.returnTo !== null) : null) ?? { name: 'welcome' },
    skippedGoingBack: false,
    isCheckPage: false,
    items: (step) => step.questions.map((q) => q.id),
  },
  photo: {
    part: photoPart,
    view: ({ step, context }) => ({ name: 'photo', stepId: step.id, spec: step.spec, returnToCheck: context.returnTo !== null }),
    skippedGoingBack: false,
    isCheckPage: false,
    items: (step) => [step.id],
  },
  check: {
    part: checkPart,
    view: ({ step, context, entry, index }) => checkView(step, entry, context.session, feeAfter(entry, index, context)),
    skippedGoingBack: false,
    isCheckPage: true,
    items: none,
  },
  pay: {
    part: payPart,
    view: ({ step, context, sub }) => {
      const local = context.local.kind === 'pay' ? context.local : null;
      const amountFen = local?.amountFen ?? amountOf(step, context.session);
      if (sub === 'failed' && local?.failure) return { name: 'paymentFailed', stepId: step.id, amountFen, failure: local.failure };
      return { name: 'payment', stepId: step.id, amountFen, qrText: local?.qrText ?? null, expiresAt: local?.expiresAt ?? null };
    },
    // Back from after a payment goes to the check page; the pay step knows if it was paid.
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  review: {
    part: reviewPart,
    view: ({ step }) => ({ name: 'reviewNotice', stepId: step.id, workingDays: step.workingDays }),
    skippedGoingBack: false,
    isCheckPage: false,
    items: none,
  },
  submit: {
    part: submitPart,
    view: ({ step, sub, context }) => (sub === 'failed' ? { name: 'submitFailed', stepId: step.id, paid: context.session.payment !== null } : { name: 'submitting', stepId: step.id }),
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  print: {
    part: printPart,
    view: ({ step, context, entry }) => {
      const status = context.local.kind === 'print' ? context.local.status : 'printing';
      const reference = context.session.reference ?? '';
      if (step.output === 'slip') {
        return {
          name: 'confirmation',
          stepId: step.id,
          reference,
          status,
          paidFen: context.session.payment?.amountFen ?? null,
          review: entry.steps.some((s) => s.kind === 'review'),
          bring: step.bring ?? [],
          others: entry.steps.flatMap((s) => (s.kind === 'print' && s.output !== 'slip' && context.session.printed[s.id] ? [{ output: s.output, status: context.session.printed[s.id] ?? 'failed' }] : [])),
        };
      }
      return { name: 'printing', stepId: step.id, output: step.output, document: step.output === 'a4' ? step.document : null, reference, status };
    },
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
  rating: {
    part: ratingPart,
    view: ({ step }) => ({ name: 'rating', stepId: step.id }),
    skippedGoingBack: true,
    isCheckPage: false,
    items: none,
  },
};

/** The module of a step, typed by the step it is given. */
export function moduleOf<K extends StepKind>(step: StepOf<K>): StepModule<K> {
  return STEP_MODULES[step.kind];
}
