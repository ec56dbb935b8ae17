import { useState } from 'react';
import type { DiscoveryType } from '../../../shared/domain/symbol.ts';
import { useSymbolsStore } from './symbols-store.ts';

const TYPE_LABELS: Record<DiscoveryType, string> = { spot: 'Spot', swap: 'Perpetual swap' };

/** Filters sent to the engine: quote currency, market types, minimum 24 h volume, active only, and a search. */
export function SymbolFiltersForm() {
  const filters = useSymbolsStore((s) => s.filters);
  const setFilters = useSymbolsStore((s) => s.setFilters);
  const [minVolume, setMinVolume] = useState(String(filters.minQuoteVolume24h));
  const minVolumeError = Number.isFinite(Number(minVolume)) && Number(minVolume) >= 0 ? null : 'Minimum volume must be a number, 0 or more';
  const toggleType = (type: DiscoveryType, on: boolean) => {
    const types = on ? [...new Set([...filters.types, type])] : filters.types.filter((t) => t !== type);
    if (types.length > 0) setFilters({ types });
  };
  return (
    <form className="panel grid-form" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <h3>Filters</h3>
      <div className="field">
        <label htmlFor="symbols-search">Search</label>
        <input id="symbols-search" value={filters.search} placeholder="BTC" maxLength={32} onChange={(e) => setFilters({ search: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="symbols-quote">Quote currency</label>
        <input id="symbols-quote" value={filters.quote} placeholder="all" maxLength={16} onChange={(e) => setFilters({ quote: e.target.value.toUpperCase() })} />
      </div>
      <div className="field">
        <label htmlFor="symbols-min-volume">Minimum 24 h volume (quote currency)</label>
        <input
          id="symbols-min-volume"
          inputMode="decimal"
          value={minVolume}
          aria-invalid={minVolumeError ? true : undefined}
          onChange={(e) => setMinVolume(e.target.value)}
          onBlur={() => !minVolumeError && setFilters({ minQuoteVolume24h: Number(minVolume || 0) })}
          onKeyDown={(e) => e.key === 'Enter' && !minVolumeError && setFilters({ minQuoteVolume24h: Number(minVolume || 0) })}
        />
        {minVolumeError && <span className="field-error" role="alert">{minVolumeError}</span>}
      </div>
      <fieldset className="field">
        <legend>Type</legend>
        {(Object.keys(TYPE_LABELS) as DiscoveryType[]).map((type) => (
          <label key={type}>
            <input type="checkbox" checked={filters.types.includes(type)} disabled={filters.types.length === 1 && filters.types.includes(type)} onChange={(e) => toggleType(type, e.target.checked)} /> {TYPE_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" checked={filters.activeOnly} onChange={(e) => setFilters({ activeOnly: e.target.checked })} /> Trading now only (hide inactive markets)
        </label>
      </div>
    </form>
  );
}
