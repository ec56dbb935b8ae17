import { randomBytes } from 'node:crypto';
import { internalError, type DomainError } from '../../shared/errors.ts';
import { describeError, type Logger } from './ports/logger.ts';

/** Six hex digits: short enough to read out over the phone, enough to find one line in a day's log. */
export const newErrorRef = (): string => randomBytes(3).toString('hex');

/**
 * The one way an unexpected error (a bug, a SQLite or library failure) leaves the engine: logged
 * once with its full text and stack under a fresh ref, and answered with a plain message that
 * carries only the ref. Call it where the error is caught, and nowhere else on its way out.
 */
export function reportUnexpected(logger: Logger, what: string, error: unknown, fields: Record<string, unknown> = {}): DomainError {
  const ref = newErrorRef();
  logger.error(what, { ...fields, ref, error: describeError(error) });
  return internalError(ref);
}
