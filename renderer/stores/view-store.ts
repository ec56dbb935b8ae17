import { create } from 'zustand';

export type View = 'bots' | 'webhooks' | 'accounts' | 'symbols' | 'reconcile' | 'risk' | 'history' | 'backtest' | 'optimise' | 'trades' | 'analytics';

export const useViewStore = create<{ view: View; show(view: View): void }>((set) => ({
  view: 'bots',
  show: (view) => set({ view }),
}));
