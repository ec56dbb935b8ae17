import { mapEventIterator, ORPCError } from '@orpc/client';
import type { Context } from '@orpc/server';
import type { StandardHandlerOptions } from '@orpc/server/standard';
import { ERROR_STATUS, isErrorCode, type ErrorCode, type FieldIssue } from '../../../shared/errors.ts';
import type { Logger } from '../ports/logger.ts';
import { reportUnexpected } from '../unexpected-error.ts';
import { contractError } from './errors.ts';

/** oRPC's own 4xx (input validation above all) in our vocabulary. */
const CODE_BY_STATUS: Record<number, ErrorCode> = { 400: 'INVALID_INPUT', 404: 'NOT_FOUND', 409: 'CONFLICT', 422: 'REFUSED', 503: 'UNAVAILABLE' };

/** Standard-schema issues carry paths of keys or `{ key }` segments; a form wants plain keys. */
function fieldIssues(data: unknown): FieldIssue[] {
  const issues = (data as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue: { path?: unknown[]; message?: unknown }) => ({
    path: (issue.path ?? []).map((segment) => (typeof segment === 'object' && segment !== null ? String((segment as { key: unknown }).key) : (segment as string | number))),
    message: typeof issue.message === 'string' ? issue.message : 'Invalid value',
  }));
}

const isStream = (value: unknown): value is AsyncIteratorObject<unknown, unknown, void> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

const describeIssues = (issues: FieldIssue[]) =>
  issues.length === 0 ? 'The request is not valid' : `The request is not valid: ${issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`;

/**
 * Every error a procedure ends with, as the caller receives it. Our own (thrown by `unwrap`) pass
 * unchanged; oRPC's own refusals (a malformed input) get our code; anything else is unexpected:
 * logged once here with a ref, and answered INTERNAL with that ref and nothing of its text.
 */
function toCallerError(error: unknown, logger: Logger, procedure: string): ORPCError<string, unknown> {
  if (error instanceof ORPCError) {
    if (isErrorCode(error.code) && error.status === ERROR_STATUS[error.code]) return error;
    const code = error.status < 500 ? (CODE_BY_STATUS[error.status] ?? 'INVALID_INPUT') : null;
    if (code) {
      const issues = fieldIssues(error.data);
      return contractError({ code, message: code === 'INVALID_INPUT' ? describeIssues(issues) : error.message, issues });
    }
  }
  return contractError(reportUnexpected(logger, `Unexpected error in ${procedure}`, error, { procedure }));
}

/** Set by the handler interceptor, filled by the client one: which procedure, if any, the request reached. */
const REACHED = Symbol('reached the procedure');
type Reach = { procedure: string | null };
const reachOf = (context: object) => (context as { [REACHED]?: Reach })[REACHED];

const UNREADABLE = 'The request could not be read; send JSON with the header content-type: application/json';

/**
 * The handler options every transport (WebSocket, REST, MessagePort) is built with. The client
 * interceptor runs around the procedure only, so a bug there is told from a malformed request;
 * the handler interceptor sees what fails before it (decoding: the caller's fault) or after it
 * (encoding the output: ours). A stream's later errors go the same way as a call's.
 */
export function errorInterceptors<T extends Context>(logger: Logger): StandardHandlerOptions<T> {
  return {
    interceptors: [
      async ({ next, ...options }) => {
        const reach: Reach = { procedure: null };
        try {
          return await next({ ...options, context: { ...options.context, [REACHED]: reach } });
        } catch (error) {
          if (error instanceof ORPCError) throw error;
          throw reach.procedure === null ? contractError({ code: 'INVALID_INPUT', message: UNREADABLE }) : toCallerError(error, logger, `${reach.procedure} (encoding its answer)`);
        }
      },
    ],
    clientInterceptors: [
      async ({ next, path, context }) => {
        const procedure = path.join('.');
        const reach = reachOf(context);
        if (reach) reach.procedure = procedure;
        const mapError = (error: unknown) => toCallerError(error, logger, procedure);
        try {
          const output = await next();
          return isStream(output) ? mapEventIterator(output, { value: async (value) => value, error: async (e) => mapError(e) }) : output;
        } catch (error) {
          throw mapError(error);
        }
      },
    ],
  };
}
