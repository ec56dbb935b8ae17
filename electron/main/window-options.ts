import type { BrowserWindowConstructorOptions } from 'electron';

/** Locked down: the renderer gets no Node, runs sandboxed and isolated from the preload; developer tools in development builds only. */
export function windowOptions(preloadPath: string, developerTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'StoxRobot',
    backgroundColor: '#0b0f14',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: developerTools,
    },
  };
}
