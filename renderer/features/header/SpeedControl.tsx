import { client } from '../../rpc/client.ts';
import { useStatusStore } from '../../stores/status-store.ts';

const SPEEDS = [0.1, 1, 5, 20, 100, 500];

/** The simulated market's speed, in candles per second; a live exchange market has none. */
export function SpeedControl() {
  const marketSpeed = useStatusStore((s) => s.status?.marketSpeed);
  // Null: the market follows an exchange live, in real time (see Symbols → Market source).
  if (marketSpeed === null) return <span className="speed">Live market</span>;
  const speed = marketSpeed ?? 1;
  return (
    <label className="speed">
      Market speed
      <select
        aria-label="Market speed"
        value={SPEEDS.includes(speed) ? speed : ''}
        onChange={(e) => {
          // Unreachable engine: the connection banner says so, and the select shows the engine's speed again.
          void client.market
            .setSpeed({ candlesPerSecond: Number(e.target.value) })
            .catch(() => undefined)
            .then(() => useStatusStore.getState().refresh());
        }}
      >
        {!SPEEDS.includes(speed) && <option value="">{speed}×</option>}
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s} candles/s
          </option>
        ))}
      </select>
    </label>
  );
}
