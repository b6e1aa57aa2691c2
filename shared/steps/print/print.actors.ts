import { fromPromise } from 'xstate';
import type { Lang } from '../../contract/lang';
import type { SessionData } from '../../flows/session';
import { notProvided } from '../step-error';
import type { PrintStep } from './print.step';

/** What a print job needs: the step, the service, the language, and what the session gathered. */
export interface PrintRequest {
  step: PrintStep;
  serviceId: string;
  lang: Lang;
  session: SessionData;
}

/** The print step's side effect. Rejects with StepError('notReady') when the device is not ready (print later), else StepError('failed'). */
export const printActors = {
  print: fromPromise<{ documentNumber: string | null }, PrintRequest>(async () => notProvided('print')),
};
