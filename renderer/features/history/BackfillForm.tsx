import { useState, type FormEvent } from 'react';
import { HISTORY_TIMEFRAMES, type HistoryTimeframe } from '../../../shared/contract/history.ts';
import { daysAgo, utcDate } from './history-format.ts';
import { useHistoryStore } from './history-store.ts';

/** Fetch history from an exchange account's exchange (public data: no keys used), from a date to now. */
export function BackfillForm() {
  const { accounts, backfill } = useHistoryStore();
  const [accountId, setAccountId] = useState('');
  const [symbol, setSymbol] = useState('BTC/USDT');
  const [timeframe, setTimeframe] = useState<HistoryTimeframe>('1m');
  const [from, setFrom] = useState(daysAgo(7));
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = accountId || accounts[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fromTs = utcDate(from);
    if (fromTs === null) return setProblem('Start must be a date like 2024-01-31');
    setProblem(null);
    void backfill({ accountId: chosen, symbol: symbol.trim(), timeframe, from: fromTs });
  };
  if (accounts.length === 0) return <p className="muted">Add an exchange account (Accounts) to fetch history from its exchange.</p>;
  return (
    <form aria-label="Backfill from an exchange" onSubmit={submit}>
      <h3>Backfill from an exchange</h3>
      <p className="muted">Fetches closed bars from the start date (UTC) to now; a series already stored continues from its newest bar.</p>
      <div className="row">
        <div className="field">
          <label htmlFor="backfill-account">Exchange account</label>
          <select id="backfill-account" value={chosen} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label} ({a.exchangeId})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="backfill-symbol">Symbol</label>
          <input id="backfill-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} required maxLength={32} size={12} />
        </div>
        <div className="field">
          <label htmlFor="backfill-timeframe">Timeframe</label>
          <select id="backfill-timeframe" value={timeframe} onChange={(e) => setTimeframe(e.target.value as HistoryTimeframe)}>
            {HISTORY_TIMEFRAMES.map((tf) => (
              <option key={tf}>{tf}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="backfill-from">From (UTC)</label>
          <input id="backfill-from" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="2024-01-31" required size={10} aria-invalid={problem ? true : undefined} />
        </div>
        <button type="submit">Start backfill</button>
      </div>
      {problem && <p className="field-error">{problem}</p>}
    </form>
  );
}
