import type { Clock } from '../ports/clock.ts';
import { webhookRefused } from './engine-sources.ts';
import type { NotifyEvent } from './notify-event.ts';

const WINDOW_MS = 60_000;
/** Keys are bot ids an attacker may invent: past this many, the oldest are forgotten. */
const MAX_KEYS = 1_000;

/**
 * A flood of refused webhooks (a scanner, a broken alert firing every second) is told once a
 * minute per bot; the next message after a quiet spell says how many were kept quiet.
 */
export function refusalsPerMinute(clock: Clock, notify: (event: NotifyEvent) => void) {
  const last = new Map<string, { at: number; quiet: number }>();
  return (botId: string | null, answer: { statusCode: number; body: { message: string } }): void => {
    const now = clock.now();
    const key = botId ?? '';
    const seen = last.get(key);
    if (seen && now - seen.at < WINDOW_MS && now >= seen.at) {
      seen.quiet += 1;
      return;
    }
    const more = seen?.quiet ? ` (and ${seen.quiet} more refused since ${new Date(seen.at).toISOString()})` : '';
    last.delete(key);
    last.set(key, { at: now, quiet: 0 });
    if (last.size > MAX_KEYS) last.delete(last.keys().next().value ?? '');
    notify(webhookRefused(botId, answer.statusCode, `${answer.body.message}${more}`, now));
  };
}
