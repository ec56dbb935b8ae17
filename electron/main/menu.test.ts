import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { applicationMenuTemplate } = await import('./menu.ts');

const roles = (items: MenuItemConstructorOptions[] | undefined) => (items ?? []).map((item) => item.role ?? item.label ?? item.type);
const submenu = (template: MenuItemConstructorOptions[], name: string) => template.find((item) => item.label === name || item.role === name)?.submenu as MenuItemConstructorOptions[] | undefined;

function template(overrides: { platform?: NodeJS.Platform; developerTools?: boolean } = {}) {
  const opened: string[] = [];
  const menu = applicationMenuTemplate({
    platform: overrides.platform ?? 'linux',
    developerTools: overrides.developerTools ?? false,
    openDataFolder: () => opened.push('data'),
    openLogFile: () => opened.push('log'),
    emergencyStop: () => opened.push('emergency'),
  });
  return { menu, opened };
}

describe('application menu', () => {
  it('has the usual menus: File, Edit (copy and paste), View, Trading, Window, Help', () => {
    expect(roles(template().menu)).toEqual(['fileMenu', 'editMenu', 'View', 'Trading', 'windowMenu', 'help']);
    expect(roles(template({ platform: 'darwin' }).menu)[0]).toBe('appMenu');
  });

  it('View reloads and zooms, and offers developer tools only in development builds', () => {
    const production = roles(submenu(template().menu, 'View'));
    expect(production).toEqual(expect.arrayContaining(['reload', 'forceReload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(production).not.toContain('toggleDevTools');
    expect(roles(submenu(template({ developerTools: true }).menu, 'View'))).toContain('toggleDevTools');
  });

  it('Help opens the data folder and the log file', () => {
    const { menu, opened } = template();
    const help = submenu(menu, 'help') ?? [];
    expect(help.map((item) => item.label)).toEqual(['Open Data Folder', 'Open Log File']);
    for (const item of help) item.click?.(undefined as never, undefined, undefined as never);
    expect(opened).toEqual(['data', 'log']);
  });

  it('Trading holds the emergency stop, on the same keys as the global shortcut', () => {
    const { menu, opened } = template();
    const [stop, ...rest] = submenu(menu, 'Trading') ?? [];
    expect(rest).toEqual([]);
    expect(stop).toMatchObject({ label: 'Emergency Stop (Block All Entries)', accelerator: 'CommandOrControl+Shift+X' });
    stop?.click?.(undefined as never, undefined, undefined as never);
    expect(opened).toEqual(['emergency']);
  });
});
