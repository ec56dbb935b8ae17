/**
 * The one error model across the contract. Expected failures inside the engine are values of
 * `DomainError`; the API layer turns them into oRPC errors with these codes, so the renderer,
 * REST callers and tests all see the same shape: `{ code, message, data: { issues } }`.
 */
export const ERROR_CODES = {
  INVALID_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type DomainErrorKind = keyof typeof ERROR_CODES;

/** One problem with one field, shaped like a zod issue (`path: ['strategy', 'slow']`) so a form shows both the same way. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export interface DomainError {
  kind: DomainErrorKind;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: DomainErrorKind, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { kind, message, issues } : { kind, message },
});
