import { useState } from 'react';
import type { ReplayResult } from '../../../shared/contract/optimize.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { type LevelDraft, levelOf, LevelOverrideField } from './LevelOverrideField.tsx';
import { METRIC_HEADERS, MetricsCells } from './MetricsCells.tsx';
import { initialSeries, SeriesFields, seriesRequest } from './SeriesFields.tsx';

/** "What would these alerts have done with a 2 % stop instead of 3 %?": a bot's stored alerts or a CSV, through the backtester. */
export function ReplayPanel() {
  // Select the array itself: a filtered copy made in the selector is a new value every render (an update loop).
  const bots = useBotsStore((s) => s.bots).filter((b) => b.strategy.kind === 'tradingview');
  const [series, setSeries] = useState(initialSeries);
  const [botId, setBotId] = useState('');
  const [csv, setCsv] = useState('');
  const [stopLoss, setStopLoss] = useState<LevelDraft>({ mode: 'alerts' });
  const [takeProfit, setTakeProfit] = useState<LevelDraft>({ mode: 'alerts' });
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const source = botId === '' ? { kind: 'csv' as const, text: csv } : { kind: 'bot' as const, botId };
      setResult(await client.backtest.replay({ ...seriesRequest(series), source, stopLoss: levelOf(stopLoss), takeProfit: levelOf(takeProfit) }));
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel replay-panel" aria-label="Replay alerts">
      <h3>Replay TradingView alerts</h3>
      <SeriesFields draft={series} onChange={setSeries} />
      <label>
        Alerts from{' '}
        <select value={botId} onChange={(e) => setBotId(e.target.value)}>
          <option value="">a CSV (below)</option>
          {bots.map((b) => (
            <option key={b.id} value={b.id}>
              bot {b.name}
            </option>
          ))}
        </select>
      </label>
      {botId === '' && <textarea aria-label="Alerts CSV" rows={5} cols={60} placeholder={'time,action,stop_loss,take_profit\n2024-01-02T10:00:00Z,long,3%,6%'} value={csv} onChange={(e) => setCsv(e.target.value)} />}
      <div>
        <LevelOverrideField label="Stop-loss" draft={stopLoss} onChange={setStopLoss} /> <LevelOverrideField label="Take-profit" draft={takeProfit} onChange={setTakeProfit} />{' '}
        <button type="button" disabled={busy} onClick={() => void run()}>
          Replay
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && <ReplaySummary result={result} />}
    </section>
  );
}

function ReplaySummary({ result }: { result: ReplayResult }) {
  return (
    <>
      <p aria-label="Replay summary">
        {result.alerts} alerts replayed; {result.outsideCandles} outside the candles; {result.ignored} changed nothing. Net profit {result.metrics.netProfit} (quote){result.openTrade && `, a ${result.openTrade.side} still open`}.
      </p>
      <table className="replay-metrics">
        <thead>
          <tr>
            {METRIC_HEADERS.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <MetricsCells metrics={result.metrics} />
          </tr>
        </tbody>
      </table>
    </>
  );
}
