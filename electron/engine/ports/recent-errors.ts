import type { Logger } from './logger.ts';

/** One error the engine logged, as the health panel shows it. */
export interface RecentError {
  /** Wall time, ms. */
  at: number;
  /** The log line's own message: written by us, in plain words, never an exchange's or a library's text. */
  message: string;
  /** The ref an unexpected error was logged under, to find its full text in the log. */
  ref: string | null;
}

export interface RecentErrors {
  /** Newest first. */
  recentErrors(): RecentError[];
  /** Errors logged since the start. */
  errorCount(): number;
}

/**
 * Wraps a logger and keeps the last `size` errors it was given (newest first) and how many there
 * were. Only the message and ref are kept: the fields may hold an exchange's words or a stack,
 * which belong in the log file, not on a status panel.
 */
export function withRecentErrors(inner: Logger, now: () => number, size = 10): Logger & RecentErrors {
  const ring: RecentError[] = [];
  let count = 0;
  return {
    info: (message, fields) => inner.info(message, fields),
    warn: (message, fields) => inner.warn(message, fields),
    error: (message, fields) => {
      count += 1;
      ring.unshift({ at: now(), message, ref: typeof fields?.ref === 'string' ? fields.ref : null });
      ring.length = Math.min(ring.length, size);
      inner.error(message, fields);
    },
    recentErrors: () => ring.map((entry) => ({ ...entry })),
    errorCount: () => count,
  };
}
