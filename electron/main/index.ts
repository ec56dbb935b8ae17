import { app, BrowserWindow, ipcMain, protocol, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../engine/index.ts';
import { APP_ENTRY, APP_SCHEME, serveAppRequest } from './app-protocol.ts';
import { guardNavigation } from './navigation-guard.ts';
import { serveContractOverPorts } from './rpc-bridge.ts';
import { windowOptions } from './window-options.ts';

// Thin on purpose: every decision lives in a plain, unit-tested function beside this file.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let engine: Engine | null = null;

async function openWindow(): Promise<void> {
  const window = new BrowserWindow(windowOptions(join(here, 'preload.cjs')));
  guardNavigation(window.webContents, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
}

app.whenReady().then(async () => {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
  engine = await createEngine({ dataDir: app.getPath('userData') });
  serveContractOverPorts(ipcMain, engine);
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let stopped = false;
app.on('before-quit', (event) => {
  if (stopped || !engine) return;
  event.preventDefault();
  void engine.stop().finally(() => {
    stopped = true;
    app.quit();
  });
});
