import { type ExportEvent, exportFileName, type ExportRequest } from '../../../../shared/contract/export.ts';
import { basename } from 'node:path';
import type { Result } from '../../../../shared/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import { exportToFile, type ExportProgress } from './export-file.ts';
import { type CsvPieces, csvPieces, type ExportSource } from './export-rows.ts';

/** The desktop's native save dialog (null: the trader closed it); headless hosts have none. */
export type ChooseExportFile = (suggestedName: string) => Promise<string | null>;

const PROGRESS_EVERY_MS = 100;

/**
 * Exports of the history: to a file the trader picks in the save dialog (desktop), or as CSV text
 * a host streams as a download (headless). Both read the read-only connection in chunks.
 */
export class ExportService {
  readonly #source: ExportSource;
  readonly #clock: Clock;
  readonly #chooseFile: ChooseExportFile | null;

  constructor(options: { source: ExportSource; clock: Clock; chooseFile: ChooseExportFile | null }) {
    this.#source = options.source;
    this.#clock = options.clock;
    this.#chooseFile = options.chooseFile;
  }

  /** The file name a download or the dialog suggests. */
  fileName(request: ExportRequest): string {
    return exportFileName(request.kind, this.#clock.now());
  }

  /** The CSV as pieces of text, for a download; stops (throwing the abort reason) once `signal` aborts. */
  csv(request: ExportRequest, signal: AbortSignal): Result<CsvPieces> {
    return csvPieces(this.#source, request, signal);
  }

  /**
   * Asks where to save (the native dialog), then writes the file, with progress; ends with whether
   * it was saved, or why it failed. Closing the stream (signal) cancels the export and leaves no file.
   */
  async *save(request: ExportRequest, signal: AbortSignal | undefined): AsyncGenerator<ExportEvent, void, undefined> {
    if (!this.#chooseFile) {
      yield { kind: 'failed', message: 'This window has no save dialog: use the download, which the browser saves' };
      return;
    }
    const file = await this.#chooseFile(this.fileName(request));
    if (file === null) {
      yield { kind: 'done', saved: false, rows: 0, fileName: null };
      return;
    }
    const progress = latestValue<ExportProgress>();
    const running = exportToFile(this.#source, request, file, { ...(signal ? { signal } : {}), onProgress: progress.set }).finally(progress.end);
    let lastSent = -Infinity;
    for await (const { rows, total } of progress.values()) {
      // A million rows make 500 chunks; a progress bar needs a few updates a second.
      if (this.#clock.now() - lastSent < PROGRESS_EVERY_MS) continue;
      lastSent = this.#clock.now();
      yield { kind: 'progress', rows, total };
    }
    const result = await running;
    if (!result.ok) yield { kind: 'failed', message: result.error.message };
    else yield { kind: 'done', saved: result.value.saved, rows: result.value.rows, fileName: result.value.saved ? basename(file) : null };
  }
}

/** The newest of a series of values, read as an async iterable that skips the ones it was too slow for. */
function latestValue<T>() {
  let latest: T | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  return {
    set: (value: T) => {
      latest = value;
      wake?.();
    },
    end: () => {
      ended = true;
      wake?.();
    },
    async *values(): AsyncGenerator<T, void, undefined> {
      for (;;) {
        if (latest === null && !ended) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (ended) return;
        const value = latest as T;
        latest = null;
        yield value;
      }
    },
  };
}
