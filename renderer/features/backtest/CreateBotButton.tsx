import type { BacktestRun } from '../../../shared/contract/backtest.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { botSeedOf } from './create-bot-seed.ts';

/** Opens the new-bot form filled in from the run; nothing is created until the trader saves it there. */
export function CreateBotButton({ run }: { run: BacktestRun }) {
  return (
    <button
      type="button"
      onClick={() => {
        useBotsStore.getState().edit('new', botSeedOf(run));
        useViewStore.getState().show('bots');
      }}
    >
      Create bot from this run
    </button>
  );
}
