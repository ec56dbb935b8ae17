import { join } from 'node:path';

/**
 * Where the sample market history ships: beside the app's resources when packaged
 * (electron-builder's `extraResources` puts `resources/history` there), in the source tree when run
 * from a checkout. The engine stores it at first start so backtests work offline.
 */
export function sampleHistoryDir(app: { isPackaged: boolean }, resourcesPath: string, bundleDir: string): string {
  return app.isPackaged ? join(resourcesPath, 'history') : join(bundleDir, '..', 'resources', 'history');
}
