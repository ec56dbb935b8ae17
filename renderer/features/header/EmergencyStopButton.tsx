import { useEffect, useState } from 'react';
import type { EmergencyLevel } from '../../../shared/contract/risk.ts';
import { useEmergencyStore } from '../../stores/emergency-store.ts';
import { isEmergencyShortcut } from './emergency-shortcut.ts';

const LEVELS: { level: EmergencyLevel; name: string; what: string }[] = [
  { level: 'block', name: 'Block', what: 'No new entry from bots, TradingView alerts or orders. Open orders and positions stay.' },
  { level: 'cancel', name: 'Cancel', what: 'Block, and cancel every open order on every account.' },
  { level: 'flatten', name: 'Flatten', what: 'Cancel, and close every position with reduce-only market orders.' },
];

/** The always-visible emergency stop: the button (or Ctrl/Cmd+Shift+X) asks which level, then stops. */
export function EmergencyStopButton() {
  const choose = useEmergencyStore((s) => s.choose);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isEmergencyShortcut(event)) return;
      event.preventDefault();
      choose('shortcut');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [choose]);
  return (
    <>
      <button type="button" className="emergency-button" data-testid="emergency-stop" title="Emergency stop (Ctrl/Cmd+Shift+X)" onClick={() => choose('button')}>
        EMERGENCY STOP
      </button>
      <LevelDialog />
    </>
  );
}

function LevelDialog() {
  const { choosing, status, error, choose, engage } = useEmergencyStore();
  const [level, setLevel] = useState<EmergencyLevel>('block');
  if (!choosing) return null;
  const inForce = status?.level ? `A stop (${status.level}) is already in force: a lower level changes nothing.` : null;
  return (
    <div className="emergency-dialog" role="dialog" aria-modal="true" aria-label="Emergency stop">
      <h2>Emergency stop</h2>
      {LEVELS.map((l) => (
        <label key={l.level} className="emergency-level">
          <input type="radio" name="emergency-level" value={l.level} checked={level === l.level} onChange={() => setLevel(l.level)} />
          <strong>{l.name}</strong> — {l.what}
        </label>
      ))}
      {inForce && <p className="muted">{inForce}</p>}
      <p className="muted">It stays in force, across restarts, until you lift it.</p>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="emergency-button" onClick={() => void engage(level, choosing)}>
          Stop now ({LEVELS.find((l) => l.level === level)?.name})
        </button>
        <button type="button" onClick={() => choose(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
