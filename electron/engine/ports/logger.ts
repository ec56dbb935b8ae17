/** Structured log sink. Callers pass facts, never secrets: nothing here is masked after the fact. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggedError {
  name: string;
  message: string;
  stack?: string;
  /** A machine code such as SQLITE_ERROR or ECONNREFUSED. */
  code?: string;
  cause?: LoggedError;
}

/**
 * An error as the log keeps it: name, message, stack, code and cause chain only. A library error's
 * other own properties (a request's headers, its config) can hold API keys, so they are left out.
 */
export function describeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: describeError(error.cause, depth + 1) } : {}),
  };
}

/** JSON.stringify writes an Error as `{}`; errors in the fields are written out as `describeError` gives. */
const line = (level: string, message: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ level, message, ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value instanceof Error ? describeError(value) : value])) });

export const consoleLogger: Logger = {
  info: (message, fields) => console.log(line('info', message, fields)),
  warn: (message, fields) => console.warn(line('warn', message, fields)),
  error: (message, fields) => console.error(line('error', message, fields)),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
