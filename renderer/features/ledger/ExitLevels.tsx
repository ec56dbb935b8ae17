import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Position } from '../../../shared/domain/position.ts';
import { formatPrice } from '../../format.ts';

/** The stop in force, and what moves it: the trailing stop (with its best price) and the break-even. */
export function StopCell({ position, instrument }: { position: Position; instrument: Instrument | undefined }) {
  const { stopLoss, exits } = position;
  const trailing = exits?.trailing;
  const breakEven = exits?.breakEven;
  if (stopLoss === null && !trailing) return <>—</>;
  return (
    <span className="exit-levels">
      {stopLoss === null ? '—' : formatPrice(stopLoss, instrument)}
      {trailing && (
        <small className="muted" title={trailing.mark === null ? 'Starts trailing once the price reaches its activation profit' : `Trails the best price since entry, ${formatPrice(trailing.mark, instrument)}`}>
          {trailing.mark === null ? ' trailing (waiting)' : ` trailing from ${formatPrice(trailing.mark, instrument)}`}
        </small>
      )}
      {breakEven?.moved && <small className="muted"> at break-even</small>}
    </span>
  );
}

/** Each take-profit level with the share of the position it closes; a filled one is struck through. */
export function TakeProfitCell({ position, instrument }: { position: Position; instrument: Instrument | undefined }) {
  const ladder = position.exits?.takeProfits ?? [];
  if (position.takeProfit === null && ladder.length === 0) return <>—</>;
  return (
    <span className="exit-levels">
      {position.takeProfit !== null && <span>{formatPrice(position.takeProfit, instrument)}</span>}
      {ladder.map((tp, i) => (
        <span key={i} className={tp.filled ? 'tp-filled' : undefined} title={tp.filled ? 'Filled' : undefined} data-testid="take-profit-level">
          {formatPrice(tp.price, instrument)} ({tp.percent} %){tp.filled ? ' ✓' : ''}
        </span>
      ))}
    </span>
  );
}
