import type { OrderManager } from '../execution/order-manager.ts';
import type { Clock } from '../ports/clock.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import { keysRefused, protectionHit, watchOrders, watchVenues, webhookRefused } from './engine-sources.ts';
import type { NotifyService } from './notify-service.ts';

/** A flood of refused webhooks (a scanner, a broken alert) is told once a minute per bot, with the count. */
const REFUSALS_WINDOW_MS = 60_000;

/** The hooks createEngine hands to the parts that know of an event; everything else is watched here. */
export function wireNotifications(service: NotifyService, deps: { orders: OrderManager; venues: VenueRegistry; clock: Clock }) {
  const notify = (event: Parameters<NotifyService['notify']>[0]) => service.notify(event);
  watchOrders(deps.orders, notify);
  watchVenues(deps.venues, deps.clock, notify);
  const lastRefusal = new Map<string, { at: number; quiet: number }>();
  return {
    protectionHit: (botId: string, symbol: string, hit: string, px: number) => notify(protectionHit(botId, symbol, hit, px, deps.clock.now())),
    keysRefused: (accountId: string, reason: string) => notify(keysRefused(accountId, reason, deps.clock.now())),
    webhookRefused: (botId: string | null, answer: { statusCode: number; body: { message: string } }) => {
      const now = deps.clock.now();
      const key = botId ?? '';
      const last = lastRefusal.get(key);
      if (last && now - last.at < REFUSALS_WINDOW_MS) return void (last.quiet += 1);
      const more = last?.quiet ? ` (${last.quiet} more refused in the last minute)` : '';
      lastRefusal.set(key, { at: now, quiet: 0 });
      notify(webhookRefused(botId, answer.statusCode, `${answer.body.message}${more}`, now));
    },
  };
}
