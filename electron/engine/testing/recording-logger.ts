import type { Logger } from '../ports/logger.ts';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps what it is told, for tests that assert what reached the log. */
export function recordingLogger(): Logger & { entries: LogEntry[]; withRef(ref: string): LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, message, fields });
  return { entries, info: record('info'), warn: record('warn'), error: record('error'), withRef: (ref) => entries.filter((e) => e.fields.ref === ref) };
}
