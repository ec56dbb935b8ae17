import { ORPCError } from '@orpc/server';
import { ERROR_CODES, type Result } from '../../../shared/errors.ts';

/** Returns the value of a successful result, or throws the contract's error for a failed one. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { kind, message, issues } = result.error;
  throw new ORPCError(ERROR_CODES[kind], { message, data: { issues: issues ?? [] } });
}
