import { useEmergencyStore } from '../../stores/emergency-store.ts';

const NAMES = { block: 'Block', cancel: 'Cancel', flatten: 'Flatten' } as const;

/** While a stop is in force: what it does, how far its cancel/flatten has got, and the trader's Lift. */
export function EmergencyBanner() {
  const { status, error, lift } = useEmergencyStore();
  if (!status?.level) return null;
  const { progress } = status;
  const since = status.since === null ? '' : ` since ${new Date(status.since).toLocaleTimeString()}`;
  const work = [
    progress.openOrdersLeft === null ? null : `open orders left: ${progress.openOrdersLeft}`,
    progress.positionsLeft === null ? null : `positions left: ${progress.positionsLeft}`,
    status.level !== 'block' && progress.done ? 'done' : null,
  ].filter((part) => part !== null);
  const onLift = () => {
    if (!confirm('Lift the emergency stop? Running bots and TradingView alerts will trade again.')) return;
    void lift();
  };
  return (
    <div className="banner emergency-banner" role="alert" data-testid="emergency-banner">
      <strong>Emergency stop ({NAMES[status.level]})</strong>
      {since}: bots, alerts and new orders are blocked.
      {work.length > 0 && ` ${work.join(', ')}.`}
      {progress.lastError && <span className="error"> Last error: {progress.lastError}</span>}
      {error && <span className="error"> {error}</span>}
      <button type="button" onClick={onLift}>
        Lift
      </button>
    </div>
  );
}
