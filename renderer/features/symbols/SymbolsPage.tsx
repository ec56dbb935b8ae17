import { useEffect, useState, type FormEvent } from 'react';
import { MarketSourcePanel } from './MarketSourcePanel.tsx';
import { SymbolFiltersForm } from './SymbolFiltersForm.tsx';
import { SymbolTable } from './SymbolTable.tsx';
import { useSymbolsStore } from './symbols-store.ts';

/** Symbol discovery: an exchange's markets, filtered and sorted by the engine, enabled and disabled in batches. */
export function SymbolsPage() {
  const { exchanges, exchangeId, error, notice } = useSymbolsStore();
  useEffect(() => {
    void useSymbolsStore.getState().loadExchanges();
  }, []);
  return (
    <section className="detail" aria-label="Symbols">
      <div className="panel">
        <h2>Symbols</h2>
        <p className="muted">Pick the markets bots may trade on an exchange, and how large their positions are there (the risk multiplier scales a bot’s order size: 0.5 is half, 2 is twice).</p>
        <ExchangePicker key={exchangeId} exchanges={exchanges} current={exchangeId} />
        {exchanges.length === 0 && !exchangeId && <p className="muted">The engine has no exchange’s public data yet; type an exchange id (for example binance) to try one.</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="ok" role="status">
            {notice}
          </p>
        )}
      </div>
      <MarketSourcePanel />
      {exchangeId && (
        <>
          <SymbolFiltersForm />
          <SymbolTable />
        </>
      )}
    </section>
  );
}

function ExchangePicker({ exchanges, current }: { exchanges: string[]; current: string }) {
  const [draft, setDraft] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) useSymbolsStore.getState().setExchange(draft);
  };
  return (
    <form className="row" onSubmit={submit} aria-label="Pick an exchange">
      <div className="field">
        <label htmlFor="symbols-exchange">Exchange</label>
        <input id="symbols-exchange" list="symbols-exchanges" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="binance" maxLength={32} />
        <datalist id="symbols-exchanges">
          {exchanges.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      </div>
      <button type="submit">Load markets</button>
    </form>
  );
}
