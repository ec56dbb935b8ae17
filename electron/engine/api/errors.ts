import { ORPCError } from '@orpc/server';
import { ERROR_STATUS, type DomainError, type ErrorCode, type ErrorDetails, type FieldIssue, type Result } from '../../../shared/errors.ts';

/** The wire form of a domain error: our code, its HTTP status, and `data: { issues, details }`. */
export function contractError({ code, message, issues, details }: DomainError): ORPCError<ErrorCode, { issues: FieldIssue[]; details: ErrorDetails }> {
  return new ORPCError(code, { status: ERROR_STATUS[code], message, data: { issues: issues ?? [], details: details ?? {} } });
}

/** Returns the value of a successful result, or throws the contract's error for a failed one. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw contractError(result.error);
}
