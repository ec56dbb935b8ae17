import type { ReactNode, RefObject } from 'react';

/** A chart's box with its caption and the licence's attribution link (the logo is off, see chart-theme.ts). */
export function ChartFigure({ container, testId, caption, tall }: { container: RefObject<HTMLDivElement | null>; testId: string; caption: ReactNode; tall?: boolean }) {
  return (
    <figure className="chart-figure">
      <div className={tall ? 'panel chart' : 'panel chart short-chart'} ref={container} data-testid={testId} />
      <figcaption className="muted">
        {caption} · charts by{' '}
        <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
          TradingView Lightweight Charts™
        </a>
      </figcaption>
    </figure>
  );
}
