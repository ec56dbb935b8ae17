import { useStatusStore } from '../../stores/status-store.ts';

/** While the disk is full the engine pauses trading; this says so, and what to do, until space returns. */
export function StorageBanner() {
  const storage = useStatusStore((s) => s.status?.storage);
  if (storage?.status !== 'full') return null;
  return (
    <div className="banner" role="alert" data-testid="storage-banner">
      {storage.message}
    </div>
  );
}
