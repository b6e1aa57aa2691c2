import { fromPromise } from 'xstate';
import { localDate } from '../../../shared/flows/session';
import type { RATING_REASONS } from '../../../shared/steps/rating/rating.step';
import { insertRating } from '../store/repos/ratings';
import type { StepDeps } from './step-deps';

/** The rating step's side effect: one row per rating, with the day only, so no rating can be tied to a submission. */
export function ratingHostActors(deps: StepDeps) {
  return {
    saveRating: fromPromise<void, { serviceId: string; level: number; reason: (typeof RATING_REASONS)[number] | null }>(async ({ input }) => {
      if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5) return;
      insertRating(deps.db, { serviceId: input.serviceId, level: input.level, reason: input.reason, day: localDate(new Date()) });
      deps.log.info('rating.saved', { service: input.serviceId, level: input.level });
    }),
  };
}
