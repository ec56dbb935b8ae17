import { useRef, useState } from 'react';
import { EXPORT_KINDS, type ExportKind, type ExportRequest } from '../../../shared/contract/export.ts';
import type { TradeFilter } from '../../../shared/contract/trade-history.ts';
import { client, downloadToken, isDesktop } from '../../rpc/client.ts';
import { downloadUrl, startDownload, traderTimeZone } from './export-link.ts';

const LABELS: Record<ExportKind, string> = { trades: 'Trades', orders: 'Orders', fills: 'Fills', webhook_log: 'Webhook log' };

type State = { kind: 'idle' } | { kind: 'running'; rows: number; total: number } | { kind: 'said'; text: string; error: boolean };

/**
 * "Export CSV" for what the history shows (its filter) or, with no filter, everything. On the
 * desktop the native save dialog asks where, and a progress bar with Cancel follows the export;
 * in a browser the headless host sends a download, which the browser saves with its own progress.
 */
export function ExportButton({ filter = {} }: { filter?: TradeFilter }) {
  const [what, setWhat] = useState<ExportKind>('trades');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);

  async function exportCsv() {
    const request: ExportRequest = { kind: what, filter, timeZone: traderTimeZone() };
    if (!isDesktop()) {
      startDownload(downloadUrl(request, downloadToken()));
      return setState({ kind: 'said', text: 'Download started: your browser shows its progress.', error: false });
    }
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: 'running', rows: 0, total: 0 });
    try {
      for await (const event of await client.exports.save(request, { signal: controller.signal })) {
        if (event.kind === 'progress') setState({ kind: 'running', rows: event.rows, total: event.total });
        else if (event.kind === 'failed') setState({ kind: 'said', text: event.message, error: true });
        else setState(event.saved ? { kind: 'said', text: `Saved ${event.rows.toLocaleString()} rows to ${event.fileName ?? 'the file'}.`, error: false } : { kind: 'idle' });
      }
    } catch (error) {
      setState(controller.signal.aborted ? { kind: 'said', text: 'Export cancelled; nothing was saved.', error: false } : { kind: 'said', text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      running.current = null;
    }
  }

  return (
    <div className="history-export" aria-label="Export CSV">
      <select aria-label="What to export" value={what} onChange={(e) => setWhat(e.target.value as ExportKind)} disabled={state.kind === 'running'}>
        {EXPORT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {LABELS[kind]}
          </option>
        ))}
      </select>
      {state.kind === 'running' ? (
        <>
          <progress max={Math.max(1, state.total)} value={state.rows} aria-label="Export progress" />
          <span className="muted">
            {state.rows.toLocaleString()} of {state.total.toLocaleString()} rows
          </span>
          <button type="button" onClick={() => running.current?.abort()}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      )}
      {state.kind === 'said' && (
        <span role="status" className={state.error ? 'error' : 'muted'}>
          {state.text}
        </span>
      )}
    </div>
  );
}
