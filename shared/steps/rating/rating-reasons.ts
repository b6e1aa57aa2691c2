/** Why a rating is low or high, when the resident says: codes, never free text. */
export const RATING_REASONS = ['fast', 'easy', 'clear', 'slow', 'confusing', 'deviceFault', 'other'] as const;
