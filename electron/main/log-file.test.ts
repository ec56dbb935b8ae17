import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../engine/testing/temp-dir.ts';

vi.mock('electron', () => ({}));
const { openLogFile } = await import('./log-file.ts');

describe('log file', () => {
  it('writes one JSON line per entry, at once', () => {
    const path = join(tempDir(), 'logs', 'stoxrobot.log');
    const log = openLogFile(path);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    log.logger.error('The engine could not start', { kind: 'disk-full' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ level: 'error', source: 'main', message: 'The engine could not start', kind: 'disk-full' });
  });

  it('keeps one previous file once the log passes its size, so it cannot fill the disk', () => {
    const path = join(tempDir(), 'stoxrobot.log');
    writeFileSync(path, 'x'.repeat(2_000));
    openLogFile(path, 1_000);
    expect(statSync(`${path}.1`).size).toBe(2_000);
    expect(() => statSync(path)).toThrow();
  });
});

describe('log file that cannot be written', () => {
  it('keeps the app running: lines still reach the console', async () => {
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the log folder should be');
    const log = openLogFile(join(blocker, 'stoxrobot.log'));
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => log.logger.error('Start-up failed', { kind: 'no-access' })).not.toThrow();
    expect(printed).toHaveBeenCalledWith(expect.stringContaining('Start-up failed'));
    log.engineOutput.write('engine line\n');
    await new Promise((resolve) => setImmediate(resolve));
  });
});
