import { createChart, type IChartApi } from 'lightweight-charts';

/**
 * A chart in the app's colours. The logo is off: it injects a <style> element, which our CSP (no
 * inline styles) blocks; the licence's attribution is a link under each chart instead.
 */
export function themedChart(container: HTMLElement, timeVisible: boolean): IChartApi {
  return createChart(container, {
    autoSize: true,
    layout: { background: { color: '#0f1419' }, textColor: '#c9d1d9', attributionLogo: false },
    grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
    timeScale: { timeVisible, secondsVisible: false },
  });
}

/** Distinct on the dark background, in the order runs are ticked for comparison. */
export const RUN_COLOURS = ['#7cc4ff', '#ffb74d', '#ba68c8', '#81c784'] as const;

export const PERCENT_FORMAT = { type: 'custom' as const, formatter: (value: number) => `${value.toFixed(2)} %`, minMove: 0.01 };
