import { useEffect, useMemo } from 'react';
import type { BacktestRun } from '../../../shared/contract/backtest.ts';
import { useBacktestStore } from './backtest-store.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { CompareChart } from './charts/compare-chart.ts';
import { useChart } from './charts/use-chart.ts';
import { MetricsTable } from './MetricsTable.tsx';
import { runLabel } from './run-label.ts';

/** The ticked runs side by side: every metric in columns, and their equity as return on one chart. */
export function CompareRuns() {
  const compareIds = useBacktestStore((s) => s.compareIds);
  const details = useBacktestStore((s) => s.details);
  const runs = useMemo(() => compareIds.flatMap((id) => (details[id] ? [details[id]] : [])), [compareIds, details]);
  // Numbered: two runs of the same strategy and symbol would otherwise share a header.
  const labels = useMemo(() => runs.map((run, i) => `${i + 1}. ${runLabel(run)}`), [runs]);
  if (compareIds.length < 2) {
    return compareIds.length === 1 ? <p className="muted">Tick one more saved run to compare (up to 4).</p> : null;
  }
  return (
    <section className="panel" aria-label="Compare runs">
      <h3>Comparing {runs.length} runs</h3>
      <ul className="legend">
        {labels.map((label, i) => (
          <li key={label} className={`legend-${i}`}>
            <span className="swatch" aria-hidden="true" /> {label}
          </li>
        ))}
      </ul>
      <CompareCurves runs={runs} labels={labels} />
      <MetricsTable runs={runs} headers={labels} />
    </section>
  );
}

function CompareCurves({ runs, labels }: { runs: readonly BacktestRun[]; labels: readonly string[] }) {
  const { container, chart } = useChart((el) => new CompareChart(el));
  useEffect(() => chart?.show(runs.map((run, i) => ({ ...run, label: labels[i] ?? '' }))), [chart, runs, labels]);
  return <ChartFigure container={container} testId="compare-chart" tall caption="Return on each run’s own initial capital, %" />;
}
