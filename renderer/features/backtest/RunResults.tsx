import { useBacktestStore } from './backtest-store.ts';
import { CreateBotButton } from './CreateBotButton.tsx';
import { MetricsTable } from './MetricsTable.tsx';
import { EquityPanel, TradeChartPanel } from './RunCharts.tsx';
import { runLabel, runRange } from './run-label.ts';
import { TradesTable } from './TradesTable.tsx';

/** The open run: its figures, equity and drawdown, trades on the candles and in a table. */
export function RunResults() {
  const run = useBacktestStore((s) => (s.openId ? s.details[s.openId] : undefined));
  if (!run) return null;
  const { options } = run;
  return (
    <section className="detail" aria-label="Backtest result">
      <div className="panel">
        <div className="bot-head">
          <h2 className="bot-title">{runLabel(run)}</h2>
          <CreateBotButton run={run} />
        </div>
        <p className="muted">
          {run.venue} · {runRange(run)} · order size {options.qty} · fee {options.feeBps} bps · slippage {options.slippageBps} bps
          {options.stopLossPct !== null && ` · stop-loss ${+(options.stopLossPct * 100).toFixed(8)} %`}
          {options.takeProfitPct !== null && ` · take-profit ${+(options.takeProfitPct * 100).toFixed(8)} %`}
        </p>
        <MetricsTable runs={[run]} />
      </div>
      <EquityPanel run={run} />
      <TradeChartPanel run={run} />
      <TradesTable run={run} />
    </section>
  );
}
