import type { BacktestRunSummary } from '../../../shared/contract/backtest.ts';
import { strategySummary } from '../bots/strategy-summary.ts';
import { barTime } from '../history/history-format.ts';

/** "EMA 5/20 · BTC/USDT 1m": what a run tested, short enough for a column header or a legend. */
export const runLabel = (run: Pick<BacktestRunSummary, 'strategy' | 'symbol' | 'timeframe'>) => `${strategySummary(run.strategy)} · ${run.symbol} ${run.timeframe}`;

/** The range a run covered; its end is exclusive, so the last bar shown is the one before it. */
export const runRange = (run: Pick<BacktestRunSummary, 'from' | 'to' | 'timeframe'>) => `${barTime(run.from, run.timeframe)} to ${barTime(run.to - 1, run.timeframe)}`;
