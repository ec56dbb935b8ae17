import { useState, type FormEvent } from 'react';
import { HISTORY_TIMEFRAMES, type HistoryTimeframe } from '../../../shared/contract/history.ts';
import { useHistoryStore } from './history-store.ts';

/** Import a CSV file from the engine's machine (typed path: the same in the desktop app and a headless host). */
export function ImportCsvForm() {
  const importCsv = useHistoryStore((s) => s.importCsv);
  const [path, setPath] = useState('');
  const [venue, setVenue] = useState('csv');
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<HistoryTimeframe>('1d');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    if (await importCsv({ path: path.trim(), venue: venue.trim(), symbol: symbol.trim(), timeframe })) setPath('');
    setBusy(false);
  };
  return (
    <form className="panel" aria-label="Import a CSV file" onSubmit={(e) => void submit(e)}>
      <h3>Import a CSV file</h3>
      <p className="muted">Columns by header name (timestamp or date, open, high, low, close, volume) or in that order; times in seconds, milliseconds or ISO dates (UTC). A bad row stops the import and nothing is stored.</p>
      <div className="row">
        <div className="field">
          <label htmlFor="history-path">File path</label>
          <input id="history-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/data/btc-1d.csv" required size={40} />
        </div>
        <div className="field">
          <label htmlFor="history-venue">Source name</label>
          <input id="history-venue" value={venue} onChange={(e) => setVenue(e.target.value)} required maxLength={40} size={10} />
        </div>
        <div className="field">
          <label htmlFor="history-symbol">Symbol</label>
          <input id="history-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} placeholder="BTC/USDT" required maxLength={32} size={12} />
        </div>
        <div className="field">
          <label htmlFor="history-timeframe">Timeframe</label>
          <select id="history-timeframe" value={timeframe} onChange={(e) => setTimeframe(e.target.value as HistoryTimeframe)}>
            {HISTORY_TIMEFRAMES.map((tf) => (
              <option key={tf}>{tf}</option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
