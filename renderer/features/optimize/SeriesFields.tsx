import { useBotsStore } from '../../stores/bots-store.ts';

/** The stored series and order size a search or a replay runs on, as typed. */
export interface SeriesDraft {
  symbol: string;
  venue: string;
  timeframe: string;
  from: string;
  to: string;
  qty: string;
}

export const initialSeries: SeriesDraft = { symbol: 'BTC/USDT', venue: '', timeframe: '1m', from: '', to: '', qty: '1' };

/** The request's series fields: dates are UTC days, the end day included. */
export function seriesRequest(draft: SeriesDraft) {
  const day = (text: string) => (text === '' ? Number.NaN : Date.parse(`${text}T00:00:00Z`));
  return {
    symbol: draft.symbol,
    ...(draft.venue.trim() !== '' ? { venue: draft.venue.trim() } : {}),
    timeframe: draft.timeframe,
    from: day(draft.from),
    to: day(draft.to) + 86_400_000,
    qty: draft.qty.trim() === '' ? Number.NaN : Number(draft.qty),
  };
}

export function SeriesFields({ draft, onChange }: { draft: SeriesDraft; onChange(draft: SeriesDraft): void }) {
  const instruments = useBotsStore((s) => s.instruments);
  const set = (key: keyof SeriesDraft) => (event: { target: { value: string } }) => onChange({ ...draft, [key]: event.target.value });
  return (
    <div className="optimize-series">
      <label>
        Symbol
        <input list="optimize-symbols" value={draft.symbol} onChange={set('symbol')} />
        <datalist id="optimize-symbols">
          {instruments.map((i) => (
            <option key={`${i.venue}:${i.symbol}`} value={i.symbol} />
          ))}
        </datalist>
      </label>
      <label>
        Venue (blank: the symbol’s)
        <input value={draft.venue} onChange={set('venue')} placeholder="sample" />
      </label>
      <label>
        Timeframe
        <input value={draft.timeframe} onChange={set('timeframe')} size={4} />
      </label>
      <label>
        From (UTC)
        <input type="date" value={draft.from} onChange={set('from')} />
      </label>
      <label>
        To (UTC, included)
        <input type="date" value={draft.to} onChange={set('to')} />
      </label>
      <label>
        Order size (base)
        <input inputMode="decimal" value={draft.qty} onChange={set('qty')} size={8} />
      </label>
    </div>
  );
}
