import type { DiscoveredMarket, SymbolSort } from '../../../shared/domain/symbol.ts';
import { decimalsOf } from '../../format.ts';
import { RiskMultiplierInput } from './RiskMultiplierInput.tsx';
import { PAGE_SIZE, useSymbolsStore } from './symbols-store.ts';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const volume = (m: DiscoveredMarket) => (m.quoteVolume24h === null ? '—' : `${compact.format(m.quoteVolume24h)} ${m.quote}`);
const price = (m: DiscoveredMarket) => (m.last === null ? '—' : m.last.toLocaleString('en-US', { minimumFractionDigits: decimalsOf(m.tickSize), maximumFractionDigits: decimalsOf(m.tickSize) }));

function SortHeader({ by, label, numeric }: { by: SymbolSort['by']; label: string; numeric?: boolean }) {
  const sort = useSymbolsStore((s) => s.sort);
  const active = sort.by === by;
  return (
    <th className={numeric ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="tab" onClick={() => useSymbolsStore.getState().sortBy(by)}>
        {label} {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
      </button>
    </th>
  );
}

/** One page of markets with a tick box each; the batch buttons act on every ticked symbol, on any page. */
export function SymbolTable() {
  const { markets, total, offset, selected, loading, exchangeId } = useSymbolsStore();
  const store = useSymbolsStore.getState();
  const pageSymbols = markets.map((m) => m.symbol);
  const allTicked = pageSymbols.length > 0 && pageSymbols.every((s) => selected.has(s));
  return (
    <section className="panel" aria-label="Markets">
      <div className="row">
        <h3>
          {loading ? 'Loading…' : `${total.toLocaleString('en-US')} markets on ${exchangeId}`}
        </h3>
        <div className="actions">
          <button type="button" className="primary" disabled={selected.size === 0} onClick={() => void store.applyBatch('enable')}>
            {selected.size ? `Enable ${selected.size} selected` : 'Enable selected'}
          </button>
          <button type="button" disabled={selected.size === 0} onClick={() => void store.applyBatch('disable')}>
            {selected.size ? `Disable ${selected.size} selected` : 'Disable selected'}
          </button>
        </div>
      </div>
      {markets.length === 0 ? (
        <p className="muted">{loading ? 'Loading markets…' : 'No market matches these filters.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>
                <input type="checkbox" aria-label="Select every market on this page" checked={allTicked} onChange={(e) => store.toggleAll(pageSymbols, e.target.checked)} />
              </th>
              <SortHeader by="symbol" label="Symbol" />
              <th>Type</th>
              <th className="num">Last</th>
              <SortHeader by="volume" label="24 h volume" numeric />
              <th className="num">Min. order</th>
              <th>Status</th>
              <th>Risk ×</th>
            </tr>
          </thead>
          <tbody>
            {markets.map((m) => (
              <tr key={m.symbol} className={selected.has(m.symbol) ? 'selected' : undefined}>
                <td>
                  <input type="checkbox" aria-label={`Select ${m.symbol}`} checked={selected.has(m.symbol)} onChange={() => store.toggle(m.symbol)} />
                </td>
                <td>{m.symbol}</td>
                <td>{m.type === 'swap' ? 'perpetual' : m.type}</td>
                <td className="num">{price(m)}</td>
                <td className="num">{volume(m)}</td>
                <td className="num">{m.minNotional > 0 ? `${m.minNotional} ${m.quote}` : '—'}</td>
                <td className={m.enabled ? 'up' : 'muted'}>{m.enabled ? 'enabled' : m.active ? 'off' : 'inactive'}</td>
                <td>{m.enabled && m.riskMultiplier !== null ? <RiskMultiplierInput key={`${m.symbol}:${m.riskMultiplier}`} symbol={m.symbol} value={m.riskMultiplier} /> : <span className="muted">{m.riskMultiplier ?? '—'}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" disabled={offset === 0} onClick={() => store.goTo(offset - PAGE_SIZE)}>
          Previous
        </button>
        <span className="muted">
          {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE_SIZE, total)} of ${total}`}
        </span>
        <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => store.goTo(offset + PAGE_SIZE)}>
          Next
        </button>
      </div>
    </section>
  );
}
