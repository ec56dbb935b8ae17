import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { engineStoppedDialog, OPEN_LOG_BUTTON, startupFailureDialog } = await import('./failure-dialog.ts');

const paths = { dataDir: '/home/trader/.config/StoxRobot', logFile: '/home/trader/.config/StoxRobot/logs/stoxrobot.log' };

describe('failure dialogs', () => {
  it('say what happened, what to do and where the files are, with a button for the log', () => {
    const options = startupFailureDialog({ kind: 'folder-held', detail: 'The data folder is in use by process 4242 on desk.' }, paths);
    expect(options).toMatchObject({ type: 'error', message: 'StoxRobot is already running on this data folder' });
    expect(options.detail).toContain('process 4242 on desk');
    expect(options.detail).toContain('quit it and start again');
    expect(options.detail).toContain(`Data folder: ${paths.dataDir}`);
    expect(options.detail).toContain(`Log file: ${paths.logFile}`);
    expect(options.buttons?.[OPEN_LOG_BUTTON]).toBe('Open Log File');
  });

  it('tell the trader an engine crash stops trading until a restart', () => {
    const options = engineStoppedDialog(134, paths);
    expect(options.message).toBe('The trading engine stopped unexpectedly');
    expect(options.detail).toContain('exit code 134');
    expect(options.detail).toContain('Bots are not trading');
    expect(options.buttons?.[OPEN_LOG_BUTTON]).toBe('Open Log File');
  });
});
