import { useEffect, useRef } from 'react';
import type { TradeDetail } from '../../../shared/contract/trade-detail.ts';
import type { Fill } from '../../../shared/domain/order.ts';
import { accountCurrency, FEE_DECIMALS, formatMoney, formatPrice, formatQty } from '../../format.ts';
import { drawTradeSnippet } from '../../charts/trade-snippet.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { Money } from '../ledger/Money.tsx';
import { time } from '../ledger/Table.tsx';
import { formatDuration, formatPercent, modeLabel } from './trade-format.ts';
import { useTradesStore } from './trades-store.ts';

function Fills({ title, fills }: { title: string; fills: readonly Fill[] }) {
  const instruments = useBotsStore((s) => s.instruments);
  const currency = accountCurrency(instruments);
  const instrument = instruments.find((i) => i.symbol === fills[0]?.symbol);
  return (
    <div>
      <h4>{title}</h4>
      {fills.length === 0 ? (
        <p className="muted">No fill recorded.</p>
      ) : (
        <table aria-label={title}>
          <thead>
            <tr>
              <th>Time</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Fee</th>
            </tr>
          </thead>
          <tbody>
            {fills.map((f) => (
              <tr key={f.fillId}>
                <td>{time(f.tsEvent)}</td>
                <td>{f.side}</td>
                <td className="num">{formatQty(f.lastQty, instrument)}</td>
                <td className="num">{formatPrice(f.lastPx, instrument)}</td>
                <td className="num">{formatMoney(f.fee, currency, FEE_DECIMALS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Snippet({ detail }: { detail: TradeDetail }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || detail.candles.length === 0) return;
    const chart = drawTradeSnippet(box.current, detail.candles, detail.entries, detail.exits);
    return () => chart.remove();
  }, [detail]);
  if (detail.candles.length === 0) return <p className="muted">No {detail.timeframe} bars of {detail.trade.symbol} are stored around this trade.</p>;
  return <div className="trade-snippet" ref={box} data-testid="trade-snippet" aria-label={`${detail.trade.symbol} ${detail.timeframe} bars around the trade`} />;
}

/** One trade opened: its fills, fees, cause and the market around it. */
export function TradeDetailPanel() {
  const { detail, detailError, open } = useTradesStore();
  const currency = useBotsStore((s) => accountCurrency(s.instruments));
  if (detailError) return <p className="error" role="alert">{detailError}</p>;
  if (!detail) return null;
  const t = detail.trade;
  return (
    <section className="panel trade-detail" aria-label={`Trade #${t.id}`}>
      <div className="bot-head">
        <h3>
          Trade #{t.id}: {t.botName} · {t.side} {t.symbol} · {modeLabel(t.accountId)}
        </h3>
        <button type="button" onClick={() => void open(null)}>
          Close
        </button>
      </div>
      <p>
        P&L <Money value={t.realizedPnl} testId="detail-pnl" /> ({formatPercent(t.returnRatio)}) after fees of {formatMoney(t.fees, currency, FEE_DECIMALS)}; held {formatDuration(t.durationMs)}, {time(t.openedAt)} to {time(t.closedAt)}.
      </p>
      <p data-testid="trade-cause">Cause: {detail.cause}</p>
      <div className="fills-pair">
        <Fills title="Entries" fills={detail.entries} />
        <Fills title="Exits" fills={detail.exits} />
      </div>
      <Snippet detail={detail} />
    </section>
  );
}
