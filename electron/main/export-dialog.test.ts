import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { engineInWorker } from './testing/engine-in-worker.ts';

vi.mock('electron', () => ({}));
const { exportSaveDialog } = await import('./export-dialog.ts');

const fakeDialog = (answer: { canceled: boolean; filePath?: string }) => ({ showSaveDialog: vi.fn(async () => answer) });

describe('the export save dialog', () => {
  it('opens over the window in Downloads with the suggested name, and adds .csv to a bare name', async () => {
    const dialog = fakeDialog({ canceled: false, filePath: '/home/trader/Desktop/june' });
    const window = {} as never;
    expect(await exportSaveDialog(dialog as never, () => window, '/home/trader/Downloads')('stoxrobot-trades-2026-06-01.csv')).toBe('/home/trader/Desktop/june.csv');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: '/home/trader/Downloads/stoxrobot-trades-2026-06-01.csv' }));
  });

  it('answers null when the trader closes it', async () => {
    expect(await exportSaveDialog(fakeDialog({ canceled: true }) as never, () => null, '/tmp')('x.csv')).toBeNull();
  });
});

describe('exports.save through the main process and the engine process', () => {
  it('asks the main process where to save, writes the file there, and reports the name only', async () => {
    const { engine, client } = await engineInWorker();
    const folder = tempDir();
    const asked: string[] = [];
    let choice: string | null = join(folder, 'mine.csv');
    engine.onChooseExportFile(async (name) => {
      asked.push(name);
      return choice;
    });
    try {
      const events = [];
      for await (const event of await client.exports.save({ kind: 'trades', timeZone: 'UTC' })) events.push(event);
      expect(asked).toEqual([expect.stringMatching(/^stoxrobot-trades-\d{4}-\d{2}-\d{2}\.csv$/)]);
      expect(events.at(-1)).toEqual({ kind: 'done', saved: true, rows: 0, fileName: 'mine.csv' });
      expect(readFileSync(join(folder, 'mine.csv'), 'utf8')).toMatch(/^trade_id,bot_name,.*,exit_order_id\r\n$/);

      choice = null; // the trader closes the dialog
      const closed = [];
      for await (const event of await client.exports.save({ kind: 'fills', timeZone: 'UTC' })) closed.push(event);
      expect(closed.at(-1)).toMatchObject({ kind: 'done', saved: false });
      expect(readdirSync(folder)).toEqual(['mine.csv']);
    } finally {
      await engine.stop();
    }
  });
});
