import type { MessageBoxSyncOptions } from 'electron';
import { describeStartupFailure, type StartupFailure } from '../engine/host/startup-failure.ts';

export interface AppPaths {
  dataDir: string;
  logFile: string;
}

/** The index of "Open Log File" in the dialogs below. */
export const OPEN_LOG_BUTTON = 1;

const buttons: Pick<MessageBoxSyncOptions, 'buttons' | 'defaultId' | 'cancelId' | 'noLink'> = { buttons: ['Quit', 'Open Log File'], defaultId: 0, cancelId: 0, noLink: true };
const where = (paths: AppPaths) => `Data folder: ${paths.dataDir}\nLog file: ${paths.logFile}`;

/** What a start-up failure tells the trader: what happened, what to do, and where the files are. */
export function startupFailureDialog(failure: StartupFailure, paths: AppPaths): MessageBoxSyncOptions {
  const { title, message, action } = describeStartupFailure(failure, paths.dataDir);
  return { type: 'error', title: 'StoxRobot', message: title, detail: `${message}\n\n${action}\n\n${where(paths)}`, ...buttons };
}

/** The engine process died while the app was running (a native crash, out of memory). */
export function engineStoppedDialog(exitCode: number, paths: AppPaths): MessageBoxSyncOptions {
  return {
    type: 'error',
    title: 'StoxRobot',
    message: 'The trading engine stopped unexpectedly',
    detail:
      `Its process ended with exit code ${exitCode}. Bots are not trading and TradingView alerts are not being received until StoxRobot is started again.\n\n` +
      `What was stored before the stop is kept: start StoxRobot again and running bots resume. If it happens again, send the log file to support.\n\n${where(paths)}`,
    ...buttons,
  };
}
