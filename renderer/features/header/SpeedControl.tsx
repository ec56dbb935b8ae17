import { client } from '../../rpc/client.ts';
import { useStatusStore } from '../../stores/status-store.ts';

const SPEEDS = [0.1, 1, 5, 20, 100, 500];

/** The simulated market's speed, in candles per second. */
export function SpeedControl() {
  const speed = useStatusStore((s) => s.status?.marketSpeed ?? 1);
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
