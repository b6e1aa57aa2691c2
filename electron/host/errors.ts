/**
 * A request that passed the schema but cannot be served as asked (an unknown sample
 * resident, say). Its message goes back to the caller, so it must never carry input values.
 */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}
