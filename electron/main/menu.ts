import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  platform: NodeJS.Platform;
  /** Development builds only: packaged apps get no developer tools. */
  developerTools: boolean;
  openDataFolder(): void;
  openLogFile(): void;
  /** Blocks every new entry at once (Block, the lowest level); the window shows the banner and offers the higher levels. */
  emergencyStop(): void;
}

/** The desktop app's emergency stop keys, in the menu and as a global shortcut (the renderer uses the same ones). */
export const EMERGENCY_ACCELERATOR = 'CommandOrControl+Shift+X';

/** The usual menus, by role, so each platform labels and shortcuts them the way its users expect. */
export function applicationMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(actions.developerTools ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(actions.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Trading', submenu: [{ label: 'Emergency Stop (Block All Entries)', accelerator: EMERGENCY_ACCELERATOR, click: () => actions.emergencyStop() }] },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open Data Folder', click: () => actions.openDataFolder() },
        { label: 'Open Log File', click: () => actions.openLogFile() },
      ],
    },
  ];
}
