import { sql } from 'kysely';
import { integerCell, numberCell, textCell, utcCell } from './csv-cells.ts';
import { type ExportTable, num, str } from './export-table.ts';

/*
 * Orders, fills and the webhook log, in the order they were written (rowid). Of the history's
 * filter they honour what they have: the date range, bots, symbols and (orders) sources.
 */

export const ordersTable: ExportTable = {
  header: ['client_order_id', 'venue_order_id', 'bot_name', 'bot_id', 'venue', 'symbol', 'side', 'type', 'quantity', 'price', 'status', 'source', 'filled_qty', 'avg_fill_price', 'reject_reason', 'created_utc', 'created_local', 'updated_utc', 'updated_local'],
  chunk(qb, filter, after, limit) {
    let query = qb
      .selectFrom('orders')
      .leftJoin('bots', 'bots.id', 'orders.botId')
      .select([sql<number>`orders.rowid`.as('rowid'), 'orders.clientOrderId', 'orders.venueOrderId', 'bots.name', 'orders.botId', 'orders.venue', 'orders.symbol', 'orders.side', 'orders.type', 'orders.qty', 'orders.price', 'orders.status', 'orders.source', 'orders.filledQty', 'orders.avgFillPx', 'orders.rejectReason', 'orders.tsInit', 'orders.tsEvent']);
    if (filter.from !== undefined) query = query.where('orders.tsInit', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('orders.tsInit', '<=', filter.to);
    if (filter.botIds) query = query.where('orders.botId', 'in', filter.botIds);
    if (filter.symbols) query = query.where('orders.symbol', 'in', filter.symbols);
    if (filter.sources) query = query.where('orders.source', 'in', filter.sources);
    if (after) query = query.where(sql<boolean>`orders.rowid > ${after[0]}`);
    return query.orderBy(sql`orders.rowid`).limit(limit).compile();
  },
  cells([, clientOrderId, venueOrderId, botName, botId, venue, symbol, side, type, qty, price, status, source, filledQty, avgFillPx, rejectReason, tsInit, tsEvent], local) {
    return [
      textCell(str(clientOrderId)), textCell(str(venueOrderId)), textCell(str(botName)), textCell(str(botId)), textCell(str(venue)), textCell(str(symbol)),
      textCell(str(side)), textCell(str(type)), numberCell(num(qty)), numberCell(num(price)), textCell(str(status)), textCell(str(source)),
      numberCell(num(filledQty)), numberCell(num(avgFillPx)), textCell(str(rejectReason)),
      utcCell(num(tsInit)), local(num(tsInit)), utcCell(num(tsEvent)), local(num(tsEvent)),
    ];
  },
};

export const fillsTable: ExportTable = {
  header: ['fill_id', 'client_order_id', 'bot_name', 'bot_id', 'venue', 'symbol', 'side', 'quantity', 'price', 'fee', 'time_utc', 'time_local'],
  chunk(qb, filter, after, limit) {
    let query = qb
      .selectFrom('fills')
      .leftJoin('bots', 'bots.id', 'fills.botId')
      .select([sql<number>`fills.rowid`.as('rowid'), 'fills.fillId', 'fills.clientOrderId', 'bots.name', 'fills.botId', 'fills.venue', 'fills.symbol', 'fills.side', 'fills.lastQty', 'fills.lastPx', 'fills.fee', 'fills.tsEvent']);
    if (filter.from !== undefined) query = query.where('fills.tsEvent', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('fills.tsEvent', '<=', filter.to);
    if (filter.botIds) query = query.where('fills.botId', 'in', filter.botIds);
    if (filter.symbols) query = query.where('fills.symbol', 'in', filter.symbols);
    if (after) query = query.where(sql<boolean>`fills.rowid > ${after[0]}`);
    return query.orderBy(sql`fills.rowid`).limit(limit).compile();
  },
  cells([, fillId, clientOrderId, botName, botId, venue, symbol, side, qty, px, fee, ts], local) {
    return [
      textCell(str(fillId)), textCell(str(clientOrderId)), textCell(str(botName)), textCell(str(botId)), textCell(str(venue)), textCell(str(symbol)),
      textCell(str(side)), numberCell(num(qty)), numberCell(num(px)), numberCell(num(fee)), utcCell(num(ts)), local(num(ts)),
    ];
  },
};

/** The webhook log's bodies are stored with the passphrase already masked (alert-intake.ts). */
export const webhookLogTable: ExportTable = {
  header: ['id', 'time_utc', 'time_local', 'from_address', 'bot_name', 'bot_id', 'status_code', 'outcome', 'reason', 'alert_id', 'body'],
  chunk(qb, filter, after, limit) {
    let query = qb
      .selectFrom('webhookLog')
      .leftJoin('bots', 'bots.id', 'webhookLog.botId')
      .select(['webhookLog.id', 'webhookLog.ts', 'webhookLog.source', 'bots.name', 'webhookLog.botId', 'webhookLog.statusCode', 'webhookLog.outcome', 'webhookLog.reason', 'webhookLog.alertId', 'webhookLog.body']);
    if (filter.from !== undefined) query = query.where('webhookLog.ts', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('webhookLog.ts', '<=', filter.to);
    if (filter.botIds) query = query.where('webhookLog.botId', 'in', filter.botIds);
    if (after) query = query.where('webhookLog.id', '>', num(after[0]) ?? 0);
    return query.orderBy('webhookLog.id').limit(limit).compile();
  },
  cells([id, ts, source, botName, botId, statusCode, outcome, reason, alertId, body], local) {
    return [
      integerCell(num(id)), utcCell(num(ts)), local(num(ts)), textCell(str(source)), textCell(str(botName)), textCell(str(botId)),
      integerCell(num(statusCode)), textCell(str(outcome)), textCell(str(reason)), integerCell(num(alertId)), textCell(str(body)),
    ];
  },
};
