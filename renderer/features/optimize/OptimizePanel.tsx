import { useRef, useState } from 'react';
import { OPTIMISABLE, RANK_METRICS, type OptimisableKind, type OptimizeResult, type RankMetric } from '../../../shared/contract/optimize.ts';
import type { StrategyKind } from '../../../shared/domain/strategy-params.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { STRATEGY_FORMS, strategyForm } from '../bots/strategy-form-model.ts';
import { METRIC_HEADERS, MetricsCells } from './MetricsCells.tsx';
import { axesOf, type AxisDraft, describeParams } from './optimize-form-model.ts';
import { ParamAxisRow } from './ParamAxisRow.tsx';
import { initialSeries, SeriesFields, seriesRequest } from './SeriesFields.tsx';

const optimisable = (kind: StrategyKind): kind is OptimisableKind => (OPTIMISABLE as readonly string[]).includes(kind);
const KINDS = STRATEGY_FORMS.filter((form) => optimisable(form.kind));

/** Search a strategy's parameters on the engine's worker threads; progress, cancel, and the best sets ranked. */
export function OptimizePanel() {
  const [series, setSeries] = useState(initialSeries);
  const [kind, setKind] = useState<OptimisableKind>('ma_crossover');
  const [axes, setAxes] = useState<Record<string, AxisDraft>>({});
  const [random, setRandom] = useState('');
  const [rankBy, setRankBy] = useState<RankMetric>('sharpe');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<OptimizeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const form = strategyForm(kind);

  async function run() {
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: 0 });
    const samples = Number(random);
    const search = random.trim() === '' ? { mode: 'grid' as const } : { mode: 'random' as const, samples };
    try {
      const events = await client.backtest.optimize({ ...seriesRequest(series), kind, params: axesOf(form.fields, axes), search, rankBy }, { signal: controller.signal });
      for await (const event of events) {
        if (event.kind === 'progress') setProgress({ done: event.done, total: event.total });
        else setResult(event.result);
      }
    } catch (e) {
      if (!controller.signal.aborted) setError(errorMessage(e));
    } finally {
      running.current = null;
      setProgress(null);
    }
  }

  return (
    <section className="panel optimize-panel" aria-label="Optimise parameters">
      <h3>Optimise parameters</h3>
      <SeriesFields draft={series} onChange={setSeries} />
      <label>
        Strategy{' '}
        <select value={kind} onChange={(e) => (setKind(e.target.value as OptimisableKind), setAxes({}))}>
          {KINDS.map((f) => (
            <option key={f.kind} value={f.kind}>
              {f.title}
            </option>
          ))}
        </select>
      </label>
      <table className="optimize-axes">
        <tbody>
          {form.fields.map((field) => (
            <ParamAxisRow key={field.key} field={field} draft={axes[field.key] ?? { mode: 'default' }} onChange={(draft) => setAxes({ ...axes, [field.key]: draft })} />
          ))}
        </tbody>
      </table>
      <label>
        Random sample (blank: every combination){' '}
        <input inputMode="numeric" size={6} value={random} onChange={(e) => setRandom(e.target.value)} />
      </label>{' '}
      <label>
        Rank by{' '}
        <select value={rankBy} onChange={(e) => setRankBy(e.target.value as RankMetric)}>
          {RANK_METRICS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>{' '}
      {progress ? (
        <>
          <progress aria-label="Optimisation progress" max={progress.total || 1} value={progress.done} /> {progress.done} / {progress.total || '…'}{' '}
          <button type="button" onClick={() => running.current?.abort()}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void run()}>
          Run search
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && <Ranking result={result} />}
    </section>
  );
}

function Ranking({ result }: { result: OptimizeResult }) {
  return (
    <>
      <p aria-label="Search summary">
        {result.tested} sets tested on {result.workers} worker{result.workers === 1 ? '' : 's'} in {(result.elapsedMs / 1000).toFixed(1)} s
        {result.skipped > 0 && `; ${result.skipped} skipped (${result.skippedReason})`}
      </p>
      <table className="optimize-ranking">
        <thead>
          <tr>
            <th>#</th>
            <th>Parameters</th>
            {METRIC_HEADERS.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.best.map((row) => (
            <tr key={row.rank}>
              <td>{row.rank}</td>
              <td>{describeParams(row.params)}</td>
              <MetricsCells metrics={row.metrics} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
