import type { BrowserWindow, Dialog } from 'electron';
import { join } from 'node:path';

/**
 * The native save dialog for an export, over the app's window, starting in the Downloads folder
 * with the suggested name; `.csv` is added when the trader typed a name without it.
 */
export function exportSaveDialog(dialog: Pick<Dialog, 'showSaveDialog'>, window: () => BrowserWindow | null, downloads: string) {
  return async (suggestedName: string): Promise<string | null> => {
    const options = { title: 'Export CSV', defaultPath: join(downloads, suggestedName), filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }], properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
    const parent = window();
    const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (canceled || !filePath) return null;
    return /\.csv$/i.test(filePath) ? filePath : `${filePath}.csv`;
  };
}
