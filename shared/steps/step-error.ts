/**
 * An actor of a step failed in a way the resident is told about: the code picks the sentence
 * on screen. Carries no personal data.
 */
export class StepError extends Error {
  override readonly name = 'StepError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The error's code when it is a StepError with one of `codes`, else `fallback`. */
export function stepErrorCode<C extends string>(error: unknown, codes: readonly C[], fallback: C): C {
  if (error instanceof StepError && (codes as readonly string[]).includes(error.code)) return error.code as C;
  return fallback;
}

/** A placeholder the host replaces with machine.provide(); reaching it is a wiring bug. */
export function notProvided(name: string): never {
  throw new Error(`The ${name} actor is provided by the host.`);
}
