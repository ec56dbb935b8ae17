/**
 * Why the engine could not start, in a shape that crosses a process boundary, and the plain words a
 * trader reads about it: what happened, and what to do next. Both hosts show the same text (the
 * desktop app in a dialog, the headless host on stderr).
 */
export type StartupFailureKind =
  | 'folder-held'
  | 'database-locked'
  | 'database-corrupt'
  | 'migration-failed'
  | 'disk-full'
  | 'no-access'
  | 'port-in-use'
  | 'unknown';

export interface StartupFailure {
  kind: StartupFailureKind;
  /** The underlying reason, already in plain words or as the system reported it. */
  detail: string;
}

const CODES: Record<string, StartupFailureKind> = {
  SQLITE_BUSY: 'database-locked',
  SQLITE_LOCKED: 'database-locked',
  SQLITE_CORRUPT: 'database-corrupt',
  SQLITE_NOTADB: 'database-corrupt',
  SQLITE_FULL: 'disk-full',
  ENOSPC: 'disk-full',
  SQLITE_READONLY: 'no-access',
  SQLITE_CANTOPEN: 'no-access',
  SQLITE_PERM: 'no-access',
  EACCES: 'no-access',
  EPERM: 'no-access',
  EROFS: 'no-access',
  EADDRINUSE: 'port-in-use',
};

/** Sorts a thrown start-up error by what the trader can do about it. */
export function classifyStartupError(error: unknown): StartupFailure {
  const detail = error instanceof Error ? error.message : String(error);
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  // better-sqlite3 reports extended codes (SQLITE_CORRUPT_INDEX, SQLITE_READONLY_DBMOVED, ...).
  const base = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  if (/^Database migration /.test(detail)) return { kind: 'migration-failed', detail };
  return { kind: CODES[base] ?? 'unknown', detail };
}

export interface StartupFailureText {
  title: string;
  /** What happened. */
  message: string;
  /** What to do about it. */
  action: string;
}

/** The words for a failure; `dataDir` names the folder so the trader knows which files are meant. */
export function describeStartupFailure(failure: StartupFailure, dataDir: string): StartupFailureText {
  const { detail } = failure;
  switch (failure.kind) {
    case 'folder-held':
      return {
        title: 'StoxRobot is already running on this data folder',
        message: detail,
        action: 'Switch to the StoxRobot that is already running, or quit it and start again. The lock is released as soon as that process ends, even if it crashed.',
      };
    case 'database-locked':
      return {
        title: 'The database is locked by another program',
        message: `Another program has locked the database in ${dataDir} (${detail}).`,
        action: 'Close any database browser, backup or sync tool that has this folder open, then start StoxRobot again.',
      };
    case 'database-corrupt':
      return {
        title: 'The database cannot be read',
        message: `The database in ${dataDir} is damaged or is not a StoxRobot database (${detail}).`,
        action: 'Quit, move the file stoxrobot.sqlite out of the folder (keep it: it holds your bots, orders and history) and restore it from a backup. Without that file StoxRobot starts empty.',
      };
    case 'migration-failed':
      return {
        title: 'The database could not be updated to this version',
        message: detail,
        action: `Copy the folder ${dataDir} somewhere safe before anything else. Then start the version of StoxRobot that last used this folder (an older version cannot open a newer database), and send the log file to support.`,
      };
    case 'disk-full':
      return {
        title: 'The disk is full',
        message: `StoxRobot could not write to ${dataDir}: there is no space left (${detail}).`,
        action: 'Free some space on that disk, then start StoxRobot again. Nothing stored so far was lost.',
      };
    case 'no-access':
      return {
        title: 'StoxRobot cannot write to its data folder',
        message: `Writing to ${dataDir} was refused (${detail}).`,
        action: 'Check that the folder exists, that your user may write to it and that the disk is not mounted read-only, then start again.',
      };
    case 'port-in-use':
      return {
        title: 'A network port is already in use',
        message: detail,
        action: 'Stop the program using that port, or choose another port (headless host: --port N).',
      };
    case 'unknown':
      return {
        title: 'StoxRobot could not start',
        message: detail,
        action: 'Try starting again. If it fails the same way, send the log file to support.',
      };
  }
}

/** One block of text for a terminal or a log. */
export function startupFailureReport(failure: StartupFailure, dataDir: string): string {
  const { title, message, action } = describeStartupFailure(failure, dataDir);
  return `${title}\n${message}\n${action}`;
}
