import { useEffect, useState, type FormEvent } from 'react';
import type { MarketSource, MarketSourceStatus } from '../../../shared/contract/market.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import { parseOptions } from '../accounts/exchange-form.ts';
import { useMarketSourceStore } from './market-source-store.ts';

const describe = (source: MarketSource) => (source.kind === 'simulated' ? 'the simulated market' : `${source.exchangeId}${source.sandbox ? ' (sandbox)' : ''} live`);

function feedText(feed: MarketSourceStatus['feed']): string | null {
  if (!feed) return null;
  if (feed.connected) return 'Feed connected.';
  return `Feed lost: retrying with growing waits after ${feed.failures} failed request${feed.failures === 1 ? '' : 's'}${feed.lastError ? ` (${feed.lastError})` : ''}.`;
}

/** Where the paper account's prices come from: the simulated market, or an exchange's live public data (no keys). */
export function MarketSourcePanel() {
  const { status, error, notice, enabledCount } = useMarketSourceStore();
  // Engine status refreshes on every market change (feed lost or back, a source saved): the panel follows it.
  const engineStatus = useStatusStore((s) => s.status);
  useEffect(() => {
    void useMarketSourceStore.getState().refresh();
  }, [engineStatus]);
  return (
    <section className="panel" aria-label="Market source">
      <h3>Market source</h3>
      {status && (
        <p>
          Running on {describe(status.active)}
          {status.active.kind === 'exchange' && ` (${status.symbols.length} symbol${status.symbols.length === 1 ? '' : 's'})`}. {feedText(status.feed)}
          {status.next && ` At the next start: ${describe(status.next)}.`}
        </p>
      )}
      {status?.fallbackReason && (
        <p className="error" role="alert">
          {status.fallbackReason}
        </p>
      )}
      {status && <SourceForm key={JSON.stringify(status.next ?? status.active)} current={status.next ?? status.active} enabledCount={enabledCount} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && <p className="ok">{notice}</p>}
    </section>
  );
}

function SourceForm({ current, enabledCount }: { current: MarketSource; enabledCount: number | null }) {
  const [kind, setKind] = useState(current.kind);
  const [exchangeId, setExchangeId] = useState(current.kind === 'exchange' ? current.exchangeId : 'binance');
  const [sandbox, setSandbox] = useState(current.kind === 'exchange' && current.sandbox);
  const [optionsText, setOptionsText] = useState(current.kind === 'exchange' && Object.keys(current.options).length > 0 ? JSON.stringify(current.options, null, 2) : '');
  const options = parseOptions(optionsText);
  useEffect(() => {
    if (kind === 'exchange') void useMarketSourceStore.getState().countEnabled(exchangeId.trim().toLowerCase());
  }, [kind, exchangeId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'simulated') return void useMarketSourceStore.getState().save({ kind });
    if (options.ok) void useMarketSourceStore.getState().save({ kind, exchangeId: exchangeId.trim().toLowerCase(), sandbox, options: options.value });
  };
  return (
    <form className="row" onSubmit={submit} aria-label="Change the market source">
      <div className="field">
        <label htmlFor="market-source-kind">Prices from</label>
        <select id="market-source-kind" value={kind} onChange={(e) => setKind(e.target.value === 'exchange' ? 'exchange' : 'simulated')}>
          <option value="simulated">Simulated market (offline)</option>
          <option value="exchange">An exchange, live (public data, no keys)</option>
        </select>
      </div>
      {kind === 'exchange' && (
        <>
          <div className="field">
            <label htmlFor="market-source-exchange">Exchange to follow</label>
            <input id="market-source-exchange" value={exchangeId} maxLength={32} onChange={(e) => setExchangeId(e.target.value)} />
            {enabledCount !== null && <span className={enabledCount === 0 ? 'field-error' : 'muted'}>{enabledCount === 0 ? 'No symbol enabled here: enable some below, or the simulated market runs' : `${enabledCount} symbol${enabledCount === 1 ? '' : 's'} enabled`}</span>}
          </div>
          <label>
            <input type="checkbox" checked={sandbox} onChange={(e) => setSandbox(e.target.checked)} /> Sandbox
          </label>
          <div className="field">
            <label htmlFor="market-source-options">Advanced ccxt options (JSON)</label>
            <textarea id="market-source-options" rows={2} value={optionsText} aria-invalid={options.ok ? undefined : true} onChange={(e) => setOptionsText(e.target.value)} />
            {!options.ok && <span className="field-error" role="alert">{options.message}</span>}
          </div>
        </>
      )}
      <button type="submit" disabled={kind === 'exchange' && !options.ok}>
        Save for next start
      </button>
    </form>
  );
}
