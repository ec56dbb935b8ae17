import { useEffect, useState, type FormEvent } from 'react';
import type { StoredSeries } from '../../../shared/contract/history.ts';
import { Field } from '../bots/Field.tsx';
import { StrategyParamsFields } from '../bots/StrategyParamsFields.tsx';
import { barTime } from '../history/history-format.ts';
import { draftForSeries, runInputOf, seriesKey, type BacktestDraft } from './backtest-form-model.ts';
import { useBacktestStore } from './backtest-store.ts';

type TextKey = Exclude<keyof BacktestDraft, 'strategy' | 'series'>;

const seriesLabel = (s: StoredSeries) => `${s.symbol} ${s.timeframe} · ${s.venue} · ${barTime(s.firstTs, s.timeframe)} to ${barTime(s.lastTs, s.timeframe)} · ${s.count.toLocaleString()} bars`;

/** Strategy, series, range and trading options of a backtest; the engine checks the request again. */
export function BacktestForm() {
  const series = useBacktestStore((s) => s.series);
  const running = useBacktestStore((s) => s.progress !== null);
  const [draft, setDraft] = useState<BacktestDraft>(() => draftForSeries(series[0]));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The series list arrives after the first render: start on the first series once it does.
  useEffect(() => {
    if (draft.series === '' && series[0]) setDraft((d) => draftForSeries(series[0], d));
  }, [series, draft.series]);

  const set = (key: TextKey) => (value: string) => setDraft({ ...draft, [key]: value });
  const text = (key: TextKey, label: string, hint?: string) => (
    <Field label={label} error={errors[key]}>
      <input inputMode="decimal" value={draft[key]} placeholder={hint} onChange={(e) => set(key)(e.target.value)} />
    </Field>
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = runInputOf(draft, series);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    void useBacktestStore.getState().run(result.input);
  }

  return (
    <form className="panel form backtest-form" onSubmit={submit} noValidate aria-label="Run a backtest">
      <h2>Backtest</h2>
      <Field label="Series" error={errors.series}>
        <select value={draft.series} onChange={(e) => setDraft(draftForSeries(series.find((s) => seriesKey(s) === e.target.value), draft))}>
          {series.length === 0 && <option value="">No stored history: import or backfill on the Market data page</option>}
          {series.map((s) => (
            <option key={seriesKey(s)} value={seriesKey(s)}>
              {seriesLabel(s)}
            </option>
          ))}
        </select>
      </Field>
      <div className="row">
        <Field label="First day (UTC)" error={errors.from}>
          <input type="date" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
        </Field>
        <Field label="Last day (UTC, included)" error={errors.to}>
          <input type="date" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
        </Field>
      </div>
      <StrategyParamsFields draft={draft.strategy} onChange={(strategy) => setDraft({ ...draft, strategy })} errors={errors} />
      {text('qty', 'Order size (base asset)')}
      {text('feeBps', 'Fee per fill (basis points; 10 = 0.1 %)', "blank: the paper venue's")}
      {text('slippageBps', 'Slippage per fill (basis points)', "blank: the paper venue's")}
      {text('stopLossPct', 'Stop-loss (% from entry)', 'blank: none')}
      {text('takeProfitPct', 'Take-profit (% from entry)', 'blank: none')}
      {text('initialCapital', 'Initial capital (quote currency)', "blank: one order's cost at the first open")}
      <p className="muted">Fills: a signal on the close of a bar fills at the next bar’s open; stop-loss and take-profit are checked against each bar’s high and low (the stop first if both touch).</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={running || series.length === 0}>
          Run backtest
        </button>
      </div>
    </form>
  );
}
