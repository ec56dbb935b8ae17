import { appendFileSync, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../engine/ports/logger.ts';

export interface LogFile {
  path: string;
  /** The main process's own lines, written at once: a failing start exits right after logging. */
  logger: Logger;
  /** A sink for the engine process's output (its lines are already JSON). */
  engineOutput: NodeJS.WritableStream;
}

/**
 * Opens the app's log file, keeping one previous file once it passes `maxBytes`, so it cannot fill a
 * disk. Logging never takes the app down: a full disk or a read-only folder only loses log lines
 * (they still reach the console).
 */
export function openLogFile(path: string, maxBytes = 10 * 1024 * 1024): LogFile {
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path) && statSync(path).size > maxBytes) renameSync(path, `${path}.1`);
  } catch {
    // the writes below fail the same way and are ignored
  }
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const text = JSON.stringify({ time: new Date().toISOString(), level, source: 'main', message, ...fields });
    (level === 'info' ? console.log : console.error)(text);
    try {
      appendFileSync(path, `${text}\n`);
    } catch {
      // see above
    }
  };
  const engineOutput = createWriteStream(path, { flags: 'a' });
  engineOutput.on('error', () => {}); // an unhandled stream error would end the main process
  return { path, logger: { info: line('info'), warn: line('warn'), error: line('error') }, engineOutput };
}
