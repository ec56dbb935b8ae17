import { useEffect, useRef, useState } from 'react';

/** A chart created once per mount on the returned element, and removed on unmount. */
export function useChart<T extends { dispose(): void }>(create: (container: HTMLElement) => T) {
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<T | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const created = create(container.current);
    setChart(created);
    return () => created.dispose();
    // The factory is a constructor call fixed per chart kind: created once per mount on purpose.
  }, []);
  return { container, chart };
}
