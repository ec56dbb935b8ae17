import type { BotExits, ExitDistance, TargetDistance } from '../../../shared/domain/bot-exits.ts';

const distance = (d: ExitDistance | TargetDistance): string => (d.unit === 'percent' ? `${d.value} %` : d.unit === 'atr' ? `${d.value}× ATR` : `${d.value} R`);

/** A bot's exits in one line for its header, e.g. "stop 2 % · TP 2 % (50 %), 4 % (50 %) · trailing 1 % · break-even after TP1". */
export function exitsSummary(exits: BotExits | null | undefined): string {
  if (!exits) return 'no exits';
  const parts = [
    exits.stopLoss && `stop ${distance(exits.stopLoss)}`,
    exits.takeProfits.length > 0 && `TP ${exits.takeProfits.map((step) => `${distance(step.at)} (${step.percent} %)`).join(', ')}`,
    exits.trailing && `trailing ${distance(exits.trailing.distance)}${exits.trailing.activateAfterPercent === null ? '' : ` after ${exits.trailing.activateAfterPercent} % profit`}`,
    exits.breakEven && (exits.breakEven.after === 'tp1' ? 'break-even after TP1' : `break-even after ${exits.breakEven.percent} % profit`),
  ].filter((part): part is string => typeof part === 'string');
  return parts.length === 0 ? 'no exits' : parts.join(' · ');
}
