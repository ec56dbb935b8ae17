import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleHistoryDir } from './sample-history-dir.ts';

describe('the sample history the desktop engine is given', () => {
  it('is the packaged resources folder once built, and the checkout’s resources/history before', () => {
    expect(sampleHistoryDir({ isPackaged: true }, '/opt/StoxRobot/resources', '/ignored')).toBe('/opt/StoxRobot/resources/history');
    const fromCheckout = sampleHistoryDir({ isPackaged: false }, '/ignored', join(process.cwd(), 'dist-electron'));
    expect(fromCheckout).toBe(join(process.cwd(), 'resources', 'history'));
    expect(existsSync(join(fromCheckout, 'sp500-daily.csv'))).toBe(true);
  });

  it('is shipped by electron-builder beside the app (extraResources)', () => {
    const config = readFileSync('electron-builder.yml', 'utf8');
    expect(config).toMatch(/extraResources:\n\s+- from: resources\/history\n\s+to: history/);
  });
});
