/** Exhaustiveness check for switches over unions: a new member fails type-checking here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
