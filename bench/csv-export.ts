import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportRequestSchema } from '../shared/contract/export.ts';
import { exportToFile } from '../electron/engine/history/export/export-file.ts';
import { openDatabase } from '../electron/engine/persistence/open-database.ts';
import { openReader } from '../electron/engine/persistence/open-reader.ts';
import { seed } from './trade-history.ts';

/**
 * Export 1 M trades (the trade-history bench's ledger) to a CSV file: rows/s (wall and per CPU
 * second, since a shared machine's wall time says more about its load) and how far RSS grows
 * above where it started. The first run's growth is mostly V8 enlarging its young generation
 * (a fixed cap, not proportional to rows); the second run shows the export itself stays flat.
 */
export async function csvExport(): Promise<void> {
  console.log('\n# CSV export: 1,000,000 trades to a file (local times in Europe/Berlin), read-only connection in keyset chunks');
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const file = join(dir, 'history.sqlite');
  const opened = await openDatabase(file);
  seed(opened.sqlite);
  await opened.close();
  const reader = openReader(file);
  const request = ExportRequestSchema.parse({ timeZone: 'Europe/Berlin' });
  for (const run of [1, 2]) {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await exportToFile({ qb: reader.reads, sqlite: reader.sqlite }, request, join(dir, `trades-${run}.csv`), {
      onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (!result.ok) throw new Error(result.error.message);
    const megabytes = statSync(join(dir, `trades-${run}.csv`)).size / 1e6;
    console.log(`run ${run}: ${result.value.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s = ${Math.round(result.value.rows / seconds).toLocaleString('en-US')} rows/s (${Math.round(result.value.rows / cpuSeconds).toLocaleString('en-US')} rows per CPU second; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores), ${megabytes.toFixed(0)} MB written; peak RSS growth ${((peak - baseline) / 1e6).toFixed(1)} MB`);
  }
  await reader.close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.main) await csvExport();
