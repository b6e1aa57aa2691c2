/** How long the welcome screen waits with nobody touching it before the attract loop starts. */
export const ATTRACT_AFTER_MS = 60_000;
/** How long each slide of the loop stays: long enough to read a family's titles, never flashing. */
export const ATTRACT_SLIDE_MS = 6_000;
