import type { Kysely } from 'kysely';
import type { TradeDetail } from '../../../shared/contract/trade-detail.ts';
import type { HistoryTrade } from '../../../shared/contract/trade-history.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Fill } from '../../../shared/domain/order.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { HistoryTimeframeSchema, timeframeMs } from '../../../shared/contract/history.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import type { Database } from '../persistence/database.ts';

/** Bars shown around a trade: enough to see the setup, small enough to load at a click. */
const SNIPPET_BARS = 200;
const BARS_AFTER_EXIT = 10;

async function fillsOf(reads: Kysely<Database>, clientOrderId: string | null): Promise<Fill[]> {
  if (clientOrderId === null) return [];
  const rows = await reads.selectFrom('fills').select(['fillId', 'clientOrderId', 'botId', 'symbol', 'side', 'lastQty', 'lastPx', 'fee', 'tsEvent']).where('clientOrderId', '=', clientOrderId).orderBy('tsEvent').execute();
  return rows.map((r) => ({ ...r, side: r.side === 'SELL' ? 'SELL' : 'BUY' }));
}

async function causeOf(reads: Kysely<Database>, trade: HistoryTrade, strategyJson: string): Promise<string> {
  if (trade.alertId !== null) {
    const alert = await reads.selectFrom('alerts').select(['receivedAt', 'commandJson']).where('id', '=', trade.alertId).executeTakeFirst();
    // The stored command is the validated one without its passphrase: safe to show.
    return alert ? `TradingView alert #${trade.alertId} received ${new Date(alert.receivedAt).toISOString()}: ${alert.commandJson}` : `TradingView alert #${trade.alertId} (no longer in the log)`;
  }
  if (trade.source === 'strategy') return `Strategy signal of ${strategyJson}`;
  if (trade.source === 'manual') return 'An order placed by hand';
  if (trade.source === null) return 'No entry order recorded (a position adjusted by the trader)';
  return `An order placed by the engine (${trade.source})`;
}

function timeframeBarMs(timeframe: string): number {
  const known = HistoryTimeframeSchema.safeParse(timeframe);
  return known.success ? timeframeMs(known.data) : 60_000;
}

/** A trade with its entry and exit fills, its cause and the bars around it, from the read-only connection. */
export async function tradeDetail(reads: Kysely<Database>, instruments: readonly Instrument[], id: number): Promise<Result<TradeDetail>> {
  const row = await reads.selectFrom('trades').innerJoin('bots', 'bots.id', 'trades.botId').selectAll('trades').select(['bots.name as botName', 'bots.timeframe', 'bots.strategyJson']).where('trades.id', '=', id).executeTakeFirst();
  if (!row) return fail('NOT_FOUND', `No trade #${id}`);
  const { timeframe, strategyJson, side, ...rest } = row;
  const trade: HistoryTrade = { ...rest, side: side === 'SHORT' ? 'SHORT' : 'LONG' };
  const venue = instruments.find((i) => i.symbol === trade.symbol)?.venue;
  const before = trade.closedAt + BARS_AFTER_EXIT * timeframeBarMs(timeframe);
  const [entries, exits, cause, candles] = await Promise.all([
    fillsOf(reads, trade.entryOrderId),
    fillsOf(reads, trade.exitOrderId),
    causeOf(reads, trade, strategyJson),
    venue ? candlesBefore(reads, { venue, symbol: trade.symbol, timeframe }, SNIPPET_BARS, before) : Promise.resolve([]),
  ]);
  return ok({ trade, entries, exits, cause, timeframe, candles });
}
