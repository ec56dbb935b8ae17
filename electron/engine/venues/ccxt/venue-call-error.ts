import type { DomainError } from '../../../../shared/errors.ts';

/** A venue read that failed: the port's callers treat a throw as "not known now"; the message is already redacted. */
export class VenueCallError extends Error {
  override readonly name = 'VenueCallError';
  readonly error: DomainError;

  constructor(error: DomainError) {
    super(error.message);
    this.error = error;
  }
}
