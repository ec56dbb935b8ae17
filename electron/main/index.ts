import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, type MessageBoxSyncOptions, Notification, powerMonitor, protocol, session, shell, utilityProcess } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyStartupError, type StartupFailure } from '../engine/host/startup-failure.ts';
import { APP_ENTRY, APP_SCHEME, serveAppRequest } from './app-protocol.ts';
import { registerEmergencyShortcut } from './emergency-shortcut.ts';
import { engineProcess, type EngineProcess } from './engine-process.ts';
import { engineStoppedDialog, OPEN_LOG_BUTTON, startupFailureDialog } from './failure-dialog.ts';
import { exportSaveDialog } from './export-dialog.ts';
import { openLogFile } from './log-file.ts';
import { applicationMenuTemplate } from './menu.ts';
import { guardNavigation } from './navigation-guard.ts';
import { denyUnusedPermissions } from './permissions.ts';
import { reconcileOnResume } from './power-resume.ts';
import { showDesktopNotifications } from './desktop-notifications.ts';
import { relayPortsToEngine } from './rpc-bridge.ts';
import { sampleHistoryDir } from './sample-history-dir.ts';
import { windowOptions } from './window-options.ts';

// Thin on purpose: every decision lives in a plain, unit-tested function beside this file. The engine
// runs in its own process (engine.js); this one keeps windows, menus, dialogs and the app's lock.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'dist', 'renderer');
const developerTools = !app.isPackaged;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let engine: EngineProcess | null = null;
let mainWindow: BrowserWindow | null = null;

async function openWindow(): Promise<void> {
  const window = new BrowserWindow(windowOptions(join(here, 'preload.cjs'), developerTools));
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  guardNavigation(window.webContents, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
}

function startEngine(dataDir: string, log: ReturnType<typeof openLogFile>): EngineProcess {
  const samples = sampleHistoryDir(app, process.resourcesPath, here);
  const child = utilityProcess.fork(join(here, 'engine.js'), ['--data', dataDir, '--samples', samples], { serviceName: 'StoxRobot engine', stdio: 'pipe' });
  child.stdout?.pipe(log.engineOutput, { end: false });
  child.stderr?.pipe(log.engineOutput, { end: false });
  return engineProcess(child);
}

/** Shows what went wrong and what to do, stops the engine if it still runs, and exits. */
async function quitWith(options: MessageBoxSyncOptions, logFile: string): Promise<void> {
  if (dialog.showMessageBoxSync(options) === OPEN_LOG_BUTTON) await shell.openPath(logFile);
  await engine?.stop();
  app.exit(1);
}

async function start(paths: { dataDir: string; logFile: string }, log: ReturnType<typeof openLogFile>): Promise<void> {
  denyUnusedPermissions(session.defaultSession);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        platform: process.platform,
        developerTools,
        openDataFolder: () => void shell.openPath(paths.dataDir),
        openLogFile: () => void shell.openPath(paths.logFile),
        emergencyStop: () => {
          const sent = engine?.emergencyStop('menu') ?? false;
          log.logger.warn(sent ? 'Emergency stop chosen in the menu: blocking every new entry' : 'Emergency stop chosen in the menu while no engine runs: no order can be placed anyway');
        },
      }),
    ),
  );
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
  engine = startEngine(paths.dataDir, log);
  const first = await engine.started;
  if (first.type === 'failed') {
    log.logger.error('The engine could not start', { ...first.failure });
    return quitWith(startupFailureDialog(first.failure, paths), paths.logFile);
  }
  log.logger.info('Engine ready', { pid: first.pid, webhookUrl: first.webhookUrl, webhookError: first.webhookError });
  const running = engine;
  running.onUnexpectedExit((code) => {
    log.logger.error('The engine process stopped unexpectedly', { exitCode: code });
    void quitWith(engineStoppedDialog(code, paths), paths.logFile);
  });
  relayPortsToEngine(ipcMain, (port) => running.handOver(port));
  reconcileOnResume(powerMonitor, running, (message) => log.logger.info(message));
  registerEmergencyShortcut(globalShortcut, running, (message) => log.logger.warn(message));
  app.on('will-quit', () => globalShortcut.unregisterAll());
  showDesktopNotifications(Notification, running, () => mainWindow);
  running.onChooseExportFile(exportSaveDialog(dialog, () => mainWindow, app.getPath('downloads')));
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
}

function main(): void {
  // A second launch hands over to the first (which comes to the front) and ends here.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const paths = { dataDir: app.getPath('userData'), logFile: join(app.getPath('logs'), 'stoxrobot.log') };
  const log = openLogFile(paths.logFile);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(() => start(paths, log))
    .catch((error: unknown) => {
      const failure: StartupFailure = classifyStartupError(error);
      log.logger.error('Start-up failed', { ...failure, stack: error instanceof Error ? error.stack : undefined });
      return quitWith(startupFailureDialog(failure, paths), paths.logFile);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped || !engine) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void engine.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

main();
