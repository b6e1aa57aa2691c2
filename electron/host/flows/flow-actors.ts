import type { StepKind } from '../../../shared/catalog/catalog-schema';
import { catalog } from '../../../shared/catalog/services';
import { checkSubmissionMachine } from '../../../shared/flows/check-submission.machine';
import { buildKioskMachine } from '../../../shared/flows/kiosk.machine';
import { checkSubmissionHostActors } from '../steps/check-submission.actors';
import { faceHostActors } from '../steps/face.actors';
import { identifyHostActors } from '../steps/identify.actors';
import { lookupHostActors } from '../steps/lookup.actors';
import { payHostActors } from '../steps/pay.actors';
import { printHostActors } from '../steps/print.actors';
import { ratingHostActors } from '../steps/rating.actors';
import type { StepDeps } from '../steps/step-deps';
import { submitHostActors } from '../steps/submit.actors';

export type { StepDeps as FlowDeps } from '../steps/step-deps';
export { ORDER_QUERY_DELAYS_MS } from '../steps/pay.actors';

const none = () => ({});

// Each step kind's side effects, one row per kind: a kind missing here fails the type check.
const HOST_ACTORS = {
  identify: identifyHostActors,
  faceVerify: faceHostActors,
  eligibility: none,
  lookup: lookupHostActors,
  questions: none,
  photo: none,
  check: none,
  pay: payHostActors,
  review: none,
  submit: submitHostActors,
  print: printHostActors,
  rating: ratingHostActors,
} satisfies Record<StepKind, (deps: StepDeps) => object>;

/** The kiosk machine for the catalog, with the host's side effects: real devices or simulators, the real queue. */
export function provideFlowActors(deps: StepDeps) {
  return buildKioskMachine(catalog).provide({
    actors: {
      ...HOST_ACTORS.identify(deps),
      ...HOST_ACTORS.faceVerify(deps),
      ...HOST_ACTORS.lookup(deps),
      ...HOST_ACTORS.pay(deps),
      ...HOST_ACTORS.submit(deps),
      ...HOST_ACTORS.print(deps),
      ...HOST_ACTORS.rating(deps),
      checkSubmission: checkSubmissionMachine.provide({ actors: checkSubmissionHostActors(deps) }),
    },
  });
}
