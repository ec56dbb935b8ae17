import type { StoredSeries } from '../../../shared/contract/history.ts';
import { SIMULATED_VENUE } from '../../../shared/contract/history.ts';
import { barTime } from './history-format.ts';
import { useHistoryStore } from './history-store.ts';

/** Every stored series with its range and bar count; the simulated market's own is pruned by retention, not deleted here. */
export function SeriesTable({ series }: { series: StoredSeries[] }) {
  const remove = useHistoryStore((s) => s.remove);
  if (series.length === 0) return <p className="muted">No market history stored yet.</p>;
  return (
    <table aria-label="Stored series">
      <thead>
        <tr>
          <th>Source</th>
          <th>Symbol</th>
          <th>Timeframe</th>
          <th>From</th>
          <th>To</th>
          <th className="num">Bars</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={`${s.venue}|${s.symbol}|${s.timeframe}`} data-testid={`series-${s.venue}-${s.symbol}-${s.timeframe}`}>
            <td>{s.venue}</td>
            <td>{s.symbol}</td>
            <td>{s.timeframe}</td>
            <td>{barTime(s.firstTs, s.timeframe)}</td>
            <td>{barTime(s.lastTs, s.timeframe)}</td>
            <td className="num">{s.count.toLocaleString()}</td>
            <td>
              {s.venue !== SIMULATED_VENUE && (
                <button type="button" className="danger" onClick={() => window.confirm(`Delete all ${s.count.toLocaleString()} bars of ${s.symbol} ${s.timeframe} from ${s.venue}?`) && void remove(s)}>
                  Delete
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
