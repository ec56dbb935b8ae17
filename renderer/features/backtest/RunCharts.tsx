import { useEffect } from 'react';
import type { BacktestRun } from '../../../shared/contract/backtest.ts';
import { useBacktestStore } from './backtest-store.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { EquityChart } from './charts/equity-chart.ts';
import { RunCandleChart } from './charts/run-candle-chart.ts';
import { useChart } from './charts/use-chart.ts';

/** Equity and drawdown of a run, drawn from the saved curve (at most a few thousand points). */
export function EquityPanel({ run }: { run: BacktestRun }) {
  const { container, chart } = useChart((el) => new EquityChart(el));
  useEffect(() => chart?.show(run), [chart, run]);
  return <ChartFigure container={container} testId="equity-chart" tall caption="Equity (top) and drawdown below the running peak, % (bottom); drawn from the saved curve, the table's figures use every bar" />;
}

/** The run's range as candles, with its trades' entries and exits as arrows. */
export function TradeChartPanel({ run }: { run: BacktestRun }) {
  const candles = useBacktestStore((s) => (s.candles?.id === run.id ? s.candles : null));
  const { container, chart } = useChart((el) => new RunCandleChart(el));
  useEffect(() => {
    if (candles) chart?.show(candles.candles, run);
  }, [chart, candles, run]);
  const merged = candles && candles.per > 1 ? `; each bar merges ${candles.per} ${run.timeframe} bars` : '';
  const gone = candles?.candles.length === 0 ? ' (the candles of this range are no longer stored)' : '';
  return <ChartFigure container={container} testId="trades-chart" tall caption={`${run.symbol} ${run.timeframe} from ${run.venue}, trades as arrows${merged}${gone}`} />;
}
