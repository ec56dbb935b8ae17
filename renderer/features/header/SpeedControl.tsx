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
        onChange={async (e) => {
          await client.market.setSpeed({ candlesPerSecond: Number(e.target.value) });
          await useStatusStore.getState().refresh();
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
