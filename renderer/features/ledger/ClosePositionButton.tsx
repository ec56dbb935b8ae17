import { useState } from 'react';
import type { Position } from '../../../shared/domain/position.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';

/**
 * A reduce-only market close of this bot's position in this symbol, of the size shown. Reduce-only
 * makes a close that races another (a stop-loss, a second click) a refusal, never a reversal.
 */
export function ClosePositionButton({ position }: { position: Position }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (position.side === 'FLAT' || position.qty <= 0 || position.dust) return null;
  const close = async () => {
    if (!confirm(`Close ${position.qty} ${position.symbol} (${position.side.toLowerCase()}) at market?`)) return;
    setBusy(true);
    try {
      const order = await client.orders.place({ botId: position.botId, symbol: position.symbol, side: position.side === 'LONG' ? 'SELL' : 'BUY', type: 'MARKET', qty: position.qty, reduceOnly: true });
      setMessage(order.status === 'REJECTED' ? `Refused: ${order.rejectReason ?? 'no reason given'}` : null);
    } catch (error) {
      setMessage(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void close()} aria-label={`Close ${position.symbol} position`}>
        Close
      </button>
      {message && <span className="error"> {message}</span>}
    </>
  );
}
