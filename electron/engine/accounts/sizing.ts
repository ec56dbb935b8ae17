import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { AmountType } from '../../../shared/domain/webhook.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { floorToStep } from '../execution/precision.ts';
import { formatMoney, formatQuantity } from './amounts.ts';

export interface SizingRequest {
  /** The alert's amount, or null to trade the bot's own order size. */
  amount: number | null;
  amountType: AmountType;
  /** The bot's order size, in the base asset. */
  orderQty: number;
}

const refuse = (message: string) => fail('INVALID_INPUT', message);

/**
 * How much base asset an alert's amount buys or sells at `px`, rounded down to the instrument's
 * step: `base`/`contracts` as given, `quote` divided by the price, `percent_equity` that share of
 * the account's equity divided by the price. What cannot be traded is refused with the reason.
 * `equity` is read only for percent-of-equity amounts.
 */
export async function sizeOrder(request: SizingRequest, px: number, instrument: Instrument, equity: () => Promise<number | null>): Promise<Result<number>> {
  if (!Number.isFinite(px) || px <= 0) return refuse(`No usable price for ${instrument.symbol} to size the order at`);
  const { base, quote, stepSize } = instrument;
  let qty: number;
  let described: (qty: number) => string;
  if (request.amount === null) {
    qty = request.orderQty;
    described = (q) => `The bot’s order size of ${formatQuantity(q, base)} is`;
  } else if (request.amountType === 'base' || request.amountType === 'contracts') {
    qty = request.amount;
    described = (q) => `${formatQuantity(q, base)} is`;
  } else if (request.amountType === 'quote') {
    const spend = request.amount;
    qty = spend / px;
    described = (q) => `${formatMoney(spend, quote)} buys ${formatQuantity(q, base)},`;
  } else {
    const value = await equity();
    if (value === null) return refuse('The account’s equity cannot be valued yet (a market price is missing), so a percent of it cannot be sized');
    if (value <= 0) return refuse(`The account’s equity is ${formatMoney(value, quote)}; sizing by percent of equity needs it above zero`);
    const share = (value * request.amount) / 100;
    const percent = request.amount;
    qty = share / px;
    described = (q) => `${percent}% of equity (${formatMoney(share, quote)}) buys ${formatQuantity(q, base)},`;
  }
  const given = request.amount ?? request.orderQty;
  if (!Number.isFinite(given) || given <= 0) return refuse('The amount must be a number above zero');
  if (!Number.isFinite(qty) || qty <= 0) return refuse(`The amount ${given} (${request.amountType}) gives no quantity that can be traded at ${px} ${quote}`);
  if (qty < stepSize) return refuse(`${described(qty)} below the smallest order of ${formatQuantity(stepSize, base)}`);
  const stepped = floorToStep(qty, stepSize);
  if (!Number.isFinite(stepped) || stepped <= 0) return refuse(`${described(qty)} not a quantity that can be rounded to the ${formatQuantity(stepSize, base)} step`);
  return ok(stepped);
}
