import { type FormEvent, useRef, useState } from 'react';
import { newManualOrderId } from '../../../shared/contract/ledger.ts';
import type { BotSummary } from '../../../shared/domain/bot.ts';
import { hasLimitPrice, isStopType, type Order, type OrderSide, type OrderType } from '../../../shared/domain/order.ts';
import { formatPrice, formatQty } from '../../format.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage, fieldErrors, UNREACHABLE_MESSAGE } from '../../rpc/errors.ts';
import { useInstrument } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { Field } from './Field.tsx';

const LABELS = { qty: 'Quantity', price: 'Limit price', triggerPrice: 'Trigger price' };

/** A positive, finite number typed by the trader, or undefined (the engine's check then names the field). */
const amount = (text: string): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
};

/**
 * The trader's own order for this bot, on its account and symbol. It goes through the same checks
 * as the bot's and the alerts' orders; a refusal is shown with the engine's reason.
 */
export function OrderTicket({ bot }: { bot: BotSummary }) {
  const instrument = useInstrument(bot.symbol);
  const [side, setSide] = useState<OrderSide>('BUY');
  const [type, setType] = useState<OrderType>('MARKET');
  const [qty, setQty] = useState(String(bot.orderQty));
  const [price, setPrice] = useState('');
  const [trigger, setTrigger] = useState('');
  const [reduceOnly, setReduceOnly] = useState(false);
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Order | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Kept until the engine answers: clicking again after no answer cannot place the order twice.
  const unanswered = useRef<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const when = isStopType(type) ? ` when the price ${side === 'BUY' ? 'rises' : 'falls'} to ${trigger}, then` : '';
    const what = `${side} ${qty} ${instrument?.base ?? bot.symbol}${when} ${hasLimitPrice(type) ? `at ${price} or better` : 'at market'}${reduceOnly ? ' (reduce-only)' : ''}`;
    if (!confirm(`Place ${what} for ${bot.name} on ${bot.account}?`)) return;
    setSending(true);
    setErrors({});
    setFailure(null);
    unanswered.current ??= newManualOrderId(Date.now());
    try {
      const placed = await client.orders.place({
        botId: bot.id,
        side,
        type,
        qty: amount(qty) ?? Number.NaN,
        ...(hasLimitPrice(type) ? { price: amount(price) ?? Number.NaN } : {}),
        ...(isStopType(type) ? { triggerPrice: amount(trigger) ?? Number.NaN } : {}),
        reduceOnly,
        clientOrderId: unanswered.current,
      });
      unanswered.current = null;
      setOutcome(placed);
      void useLedgerStore.getState().refresh();
    } catch (error) {
      const fields = fieldErrors(error, LABELS);
      const message = errorMessage(error);
      if (message !== UNREACHABLE_MESSAGE) unanswered.current = null;
      setErrors(fields);
      setOutcome(null);
      if (Object.keys(fields).length === 0) setFailure(message);
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="panel form order-ticket" onSubmit={(e) => void submit(e)} noValidate aria-label="Order ticket">
      <h3>Order ticket</h3>
      <p className="muted">
        {bot.symbol} on {bot.account}, booked to {bot.name}. Same risk checks as the bot’s own orders.
      </p>
      <Field label="Side" error={errors.side}>
        <select value={side} onChange={(e) => setSide(e.target.value as OrderSide)}>
          <option value="BUY">Buy</option>
          <option value="SELL">Sell</option>
        </select>
      </Field>
      <Field label="Type" error={errors.type}>
        <select value={type} onChange={(e) => setType(e.target.value as OrderType)}>
          <option value="MARKET">Market</option>
          <option value="LIMIT">Limit</option>
          <option value="STOP">Stop (market when triggered)</option>
          <option value="STOP_LIMIT">Stop-limit</option>
        </select>
      </Field>
      <Field label={`Quantity (${instrument?.base ?? 'base asset'})`} error={errors.qty}>
        <input inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} />
      </Field>
      {isStopType(type) && (
        <>
          <Field label={`Trigger price (${instrument?.quote ?? 'quote asset'})`} error={errors.triggerPrice}>
            <input inputMode="decimal" value={trigger} onChange={(e) => setTrigger(e.target.value)} />
          </Field>
          <p className="muted">A buy stop wakes when the price rises to its trigger, a sell stop when it falls to it.</p>
        </>
      )}
      {hasLimitPrice(type) && (
        <Field label={`Limit price (${instrument?.quote ?? 'quote asset'})`} error={errors.price}>
          <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
        </Field>
      )}
      <label>
        <input type="checkbox" checked={reduceOnly} onChange={(e) => setReduceOnly(e.target.checked)} /> Reduce-only (only closes; never blocked by entry limits)
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Placing…' : `Place ${side === 'BUY' ? 'buy' : 'sell'}`}
        </button>
      </div>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {outcome && <Outcome order={outcome} />}
    </form>
  );
}

function Outcome({ order }: { order: Order }) {
  const instrument = useInstrument(order.symbol);
  if (order.status === 'REJECTED') {
    return (
      <p className="error" role="alert" data-testid="ticket-outcome">
        Refused: {order.rejectReason ?? 'no reason given'}
      </p>
    );
  }
  const fill = order.avgFillPx === null ? '' : ` at ${formatPrice(order.avgFillPx, instrument)}`;
  return (
    <p className="muted" role="status" data-testid="ticket-outcome">
      {order.side} {formatQty(order.qty, instrument)} {order.symbol}
      {order.triggerPrice === null ? '' : ` stop at ${formatPrice(order.triggerPrice, instrument)}`}: {order.status}
      {order.filledQty > 0 ? `, filled ${formatQty(order.filledQty, instrument)}${fill}` : ''}
    </p>
  );
}
