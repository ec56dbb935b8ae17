/**
 * The one error model across the engine and the contract. Expected failures are values of
 * `DomainError` inside a `Result`; the API layer sends them as `{ code, message, data }` with the
 * HTTP status below, so the renderer, REST callers and tests all read the same codes.
 */
export const ERROR_STATUS = {
  /** The request itself is wrong (a field, a format): fix it and send again. */
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  /** The thing is in a state that does not allow it (a running bot, a filled order). */
  CONFLICT: 409,
  /** A business rule said no (insufficient balance, below the venue minimum). */
  REFUSED: 422,
  /** A dependency is down or busy: the same request may work later. */
  UNAVAILABLE: 503,
  /** A bug or a broken dependency; the details are in the engine's log under the ref. */
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);

/** One problem with one field, shaped like a zod issue (`path: ['strategy', 'slow']`) so a form shows both the same way. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** Plain facts a caller may act on (`ref`, an amount and its currency); never error text from a library. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface DomainError {
  code: ErrorCode;
  /** Read by a trader: plain words, with the numbers and units. */
  message: string;
  issues?: FieldIssue[];
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[], details?: ErrorDetails): Result<never> => ({
  ok: false,
  error: { code, message, ...(issues ? { issues } : {}), ...(details ? { details } : {}) },
});

/** What a caller is told about an unexpected error: where to look, never what it said. */
export const internalError = (ref: string): DomainError => ({
  code: 'INTERNAL',
  message: `Something went wrong in the engine (ref ${ref}); the details are in the log`,
  details: { ref },
});
