import { useEffect, useState } from 'react';
import type { EngineHealth } from '../../../shared/contract/engine.ts';
import { client } from '../../rpc/client.ts';
import { healthLines, lastErrorText } from './health-problems.ts';

/** Polled, not pushed: the parts change slowly (a reconnect, a backoff) and a look every few seconds is enough. */
const POLL_MS = 5_000;

/** A compact badge in the header ("Engine OK" or how many parts are not); it opens the list of parts. */
export function HealthPanel() {
  const [health, setHealth] = useState<EngineHealth | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () => void client.engine.health().then((h) => live && setHealth(h), () => undefined);
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!health) return null;
  const lines = healthLines(health);
  const problems = lines.filter((l) => !l.ok).length;
  const lastError = lastErrorText(health);
  return (
    <div className="health">
      <button type="button" className={problems ? 'status paused' : 'status running'} aria-expanded={open} data-testid="health-badge" onClick={() => setOpen(!open)}>
        {problems ? `${problems} problem${problems === 1 ? '' : 's'}` : 'Engine OK'}
      </button>
      {open && (
        <div className="panel health-panel" role="region" aria-label="Engine health" data-testid="health-panel">
          <table>
            <tbody>
              {lines.map((line) => (
                <tr key={line.part}>
                  <th>{line.part}</th>
                  <td className={line.ok ? 'up' : 'warning'}>{line.text}</td>
                </tr>
              ))}
              <tr>
                <th>Last error</th>
                <td className="muted">{lastError ? `${lastError} · ${health.errors.count} since start` : 'None since start'}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
