import type { BacktestRun } from '../../../shared/contract/backtest.ts';
import type { BotSeed } from '../../stores/bots-store.ts';
import { strategySummary } from '../bots/strategy-summary.ts';

const BOT_TIMEFRAME = '1m';

/** A new bot's starting values from a run: its strategy, symbol and order size, and what differs from the run. */
export function botSeedOf(run: Pick<BacktestRun, 'symbol' | 'timeframe' | 'venue' | 'strategy' | 'options'>): BotSeed {
  const notes = [`From a backtest of ${strategySummary(run.strategy)} on ${run.symbol} ${run.timeframe} (${run.venue}).`];
  if (run.timeframe !== BOT_TIMEFRAME) notes.push(`Bots trade 1-minute bars: the same periods span ${run.timeframe} bars in the backtest but minutes live, so the bot will not repeat these results.`);
  if (run.options.stopLossPct !== null || run.options.takeProfitPct !== null) notes.push('The backtest’s stop-loss and take-profit are not copied: set the bot’s own exits.');
  return { name: `${strategySummary(run.strategy)} ${run.symbol}`.slice(0, 100), symbol: run.symbol, strategy: run.strategy, orderQty: run.options.qty, note: notes.join(' ') };
}
