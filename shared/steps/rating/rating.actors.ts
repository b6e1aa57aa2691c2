import { fromPromise } from 'xstate';
import { notProvided } from '../step-error';
import type { RATING_REASONS } from './rating.step';

/** The rating step's side effect: one row counted per service, nothing that names the resident. */
export const ratingActors = {
  saveRating: fromPromise<void, { serviceId: string; level: number; reason: (typeof RATING_REASONS)[number] | null }>(async () => notProvided('saveRating')),
};
