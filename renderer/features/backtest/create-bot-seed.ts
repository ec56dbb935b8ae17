import type { BacktestRun } from '../../../shared/contract/backtest.ts';
import { BotExitsSchema, type BotExits } from '../../../shared/domain/bot-exits.ts';
import type { BotSeed } from '../../stores/bots-store.ts';
import { strategySummary } from '../bots/strategy-summary.ts';

const BOT_TIMEFRAME = '1m';
/** The ATR period a bot's exits form starts with; unused by percent exits. */
const ATR_PERIOD = 14;

/** A fraction as percent without float noise in the form: 0.07 reads 7, not 7.000000000000001. */
const percentOf = (fraction: number) => Math.round(fraction * 100 * 1e8) / 1e8;

/** The run's stop-loss and take-profit (fractions of the entry) as a bot's percent exits; null when the bot's rules refuse them. */
function exitsOf(options: BacktestRun['options']): BotExits | null {
  const exits = {
    stopLoss: options.stopLossPct === null ? null : { unit: 'percent' as const, value: percentOf(options.stopLossPct) },
    takeProfits: options.takeProfitPct === null ? [] : [{ at: { unit: 'percent' as const, value: percentOf(options.takeProfitPct) }, percent: 100 }],
    trailing: null,
    breakEven: null,
    atrPeriod: ATR_PERIOD,
  };
  const parsed = BotExitsSchema.safeParse(exits);
  return parsed.success ? parsed.data : null;
}

/** A new bot's starting values from a run: its strategy, symbol, order size and exits, and what differs from the run. */
export function botSeedOf(run: Pick<BacktestRun, 'symbol' | 'timeframe' | 'venue' | 'strategy' | 'options'>): BotSeed {
  const notes = [`From a backtest of ${strategySummary(run.strategy)} on ${run.symbol} ${run.timeframe} (${run.venue}).`];
  if (run.timeframe !== BOT_TIMEFRAME) notes.push(`Bots trade 1-minute bars: the same periods span ${run.timeframe} bars in the backtest but minutes live, so the bot will not repeat these results.`);
  const hasExits = run.options.stopLossPct !== null || run.options.takeProfitPct !== null;
  const exits = hasExits ? exitsOf(run.options) : null;
  if (hasExits && exits === null) notes.push('The backtest’s stop-loss or take-profit is beyond what a bot allows, so neither was copied: set the bot’s own exits.');
  return { name: `${strategySummary(run.strategy)} ${run.symbol}`.slice(0, 100), symbol: run.symbol, strategy: run.strategy, orderQty: run.options.qty, ...(exits ? { exits } : {}), note: notes.join(' ') };
}
