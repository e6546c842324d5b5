/**
 * Every operation validates its input before it opens a transaction and throws a ModelError naming the
 * field, so a form can put the message next to the input that caused it and nothing is half-written.
 */
export class ModelError extends Error {
  override name = 'ModelError';
  constructor(
    /** The input field at fault, dotted for nested fields (`place.dayId`), or the entity kind for lookups. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
