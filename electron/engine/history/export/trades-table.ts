import { sql } from 'kysely';
import { matching as matchingTrades } from '../trade-history.ts';
import { integerCell, numberCell, textCell, utcCell } from './csv-cells.ts';
import { type ExportTable, num, str } from './export-table.ts';

/** The columns, in order; README.md ("CSV export") documents each. */
export const TRADE_COLUMNS = [
  'trade_id', 'bot_name', 'bot_id', 'account', 'mode', 'symbol', 'side', 'quantity',
  'entry_time_utc', 'entry_time_local', 'entry_price', 'exit_time_utc', 'exit_time_local', 'exit_price',
  'fees', 'net_pnl', 'return', 'duration_ms', 'source', 'alert_id', 'entry_order_id', 'exit_order_id',
] as const;

/** Trades in the order they closed (then by id), filtered exactly as the history table is. */
export const tradesTable: ExportTable = {
  header: TRADE_COLUMNS,
  chunk(qb, filter, after, limit) {
    let query = qb
      .selectFrom('trades')
      .leftJoin('bots', 'bots.id', 'trades.botId')
      .select([
        'trades.closedAt', 'trades.id', 'bots.name', 'trades.botId', 'trades.accountId', 'trades.symbol', 'trades.side', 'trades.qty',
        'trades.openedAt', 'trades.avgPxOpen', 'trades.avgPxClose', 'trades.fees', 'trades.realizedPnl', 'trades.returnRatio',
        'trades.durationMs', 'trades.source', 'trades.alertId', 'trades.entryOrderId', 'trades.exitOrderId',
      ])
      .where((eb) => matchingTrades(eb, filter));
    if (after) query = query.where(sql<boolean>`(trades.closed_at, trades.id) > (${after[0]}, ${after[1]})`);
    return query.orderBy('trades.closedAt').orderBy('trades.id').limit(limit).compile();
  },
  cells([closedAt, id, botName, botId, accountId, symbol, side, qty, openedAt, avgPxOpen, avgPxClose, fees, pnl, ret, duration, source, alertId, entryOrderId, exitOrderId], local) {
    const account = str(accountId);
    return [
      integerCell(num(id)), textCell(str(botName)), textCell(str(botId)), textCell(account), account === 'paper' ? 'paper' : 'live',
      textCell(str(symbol)), textCell(str(side)), numberCell(num(qty)),
      utcCell(num(openedAt)), local(num(openedAt)), numberCell(num(avgPxOpen)),
      utcCell(num(closedAt)), local(num(closedAt)), numberCell(num(avgPxClose)),
      numberCell(num(fees)), numberCell(num(pnl)), numberCell(num(ret)), integerCell(num(duration)),
      textCell(str(source)), integerCell(num(alertId)), textCell(str(entryOrderId)), textCell(str(exitOrderId)),
    ];
  },
};
