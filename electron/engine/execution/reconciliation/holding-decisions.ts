import type { Mismatch } from '../../../../shared/contract/reconcile.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { botsOf, type Holding, holdingsOf } from './account-ledger.ts';
import { askVenue, type DecisionContext } from './ask-venue.ts';
import { baseOf, holdingMismatches, isDerivative, sumQty } from './holdings.ts';
import { qty } from './mismatch-words.ts';

/** The difference as it stands now, with the holdings it is about; gone when the two sides agree again. */
async function recheck(ctx: DecisionContext, mismatch: Mismatch): Promise<Result<{ now: Mismatch; held: Holding[]; venueAvgPx: number | null }>> {
  const { venue, accountId } = ctx.target;
  const asked = await askVenue(async () => ({ positions: await venue.positions(), balances: await venue.balances() }));
  if (!asked.ok) return asked;
  const holdings = await holdingsOf(ctx.db, accountId);
  const bots = await botsOf(ctx.db, accountId);
  const now = holdingMismatches({ accountId, holdings, bots, ...asked.value, instruments: venue.instruments() }).find((m) => m.id === mismatch.id);
  if (!now) return fail('CONFLICT', 'The venue and your bots agree on this now; nothing to change');
  const base = baseOf(now.symbol, venue.instruments());
  const inScope = (symbol: string) => (now.kind === 'position' ? symbol === now.symbol : !isDerivative(symbol) && baseOf(symbol, venue.instruments()) === base);
  const venueAvgPx = asked.value.positions.find((p) => p.symbol === now.symbol)?.avgPxOpen ?? null;
  return ok({ now, held: holdings.filter((h) => inScope(h.symbol)), venueAvgPx });
}

const noPrice = (symbol: string) => fail('UNAVAILABLE', `There is no ${symbol} price yet to book the change at; try again once the market has one`);

/** Adopt: the chosen bot's position moves by the difference, so the account holds what the venue holds. */
export async function adjustHolding(ctx: DecisionContext, mismatch: Mismatch, botId: string): Promise<Result<string>> {
  const checked = await recheck(ctx, mismatch);
  if (!checked.ok) return checked;
  const { now, held, venueAvgPx } = checked.value;
  const own = held.find((h) => h.botId === botId);
  const bot = (await botsOf(ctx.db, ctx.target.accountId)).find((b) => b.id === botId);
  const symbol = now.kind === 'position' ? now.symbol : (own?.symbol ?? bot?.symbol ?? now.symbol);
  const delta = sumQty([now.venueQty ?? 0, -(now.ourQty ?? 0)]);
  const holds = own?.netQty ?? 0;
  if (now.kind === 'balance' && sumQty([holds, delta]) < 0) {
    return fail('REFUSED', `Bot ${botId} holds ${qty(holds)} on ${symbol}, less than the ${qty(-delta)} missing at the venue: choose a bot that holds at least that much, or mark the position closed`);
  }
  // A position taken over whole keeps the venue's entry price; a part of one is booked at the last price.
  const px = now.kind === 'position' && held.length === 0 && venueAvgPx !== null && venueAvgPx > 0 ? venueAvgPx : ctx.target.lastPrice(symbol);
  if (px === null) return noPrice(symbol);
  await ctx.target.orders.adjustPosition(botId, symbol, delta, px, `Adopted the venue's ${now.kind} on the Reconcile screen: ${now.venue}`);
  return ok(`Bot ${botId} ${symbol} position moved by ${qty(delta)} at ${px}`);
}

/** Mark closed: the venue holds nothing, so every bot's position on it is closed at the last price. */
export async function closeHolding(ctx: DecisionContext, mismatch: Mismatch): Promise<Result<string>> {
  const checked = await recheck(ctx, mismatch);
  if (!checked.ok) return checked;
  const { now, held } = checked.value;
  if (!now.actions.includes('mark_closed')) return fail('CONFLICT', `${now.venue}: adopt its amount instead`);
  const unpriced = held.find((h) => ctx.target.lastPrice(h.symbol) === null);
  if (unpriced) return noPrice(unpriced.symbol);
  await ctx.target.orders.writeOffDust(held, (symbol) => ctx.target.lastPrice(symbol));
  return ok(`Closed ${held.map((h) => `${h.botId} ${qty(h.netQty)} ${h.symbol}`).join(', ')} at the last price`);
}
