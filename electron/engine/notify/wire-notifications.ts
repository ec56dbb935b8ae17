import type { OrderManager } from '../execution/order-manager.ts';
import type { Clock } from '../ports/clock.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import { keysRefused, protectionHit, watchOrders, watchVenues } from './engine-sources.ts';
import { refusalsPerMinute } from './refusals-per-minute.ts';
import type { NotifyService } from './notify-service.ts';

/** The hooks createEngine hands to the parts that know of an event; everything else is watched here. */
export function wireNotifications(service: NotifyService, deps: { orders: OrderManager; venues: VenueRegistry; clock: Clock }) {
  const notify = (event: Parameters<NotifyService['notify']>[0]) => service.notify(event);
  watchOrders(deps.orders, notify);
  watchVenues(deps.venues, deps.clock, notify);
  return {
    protectionHit: (botId: string, symbol: string, hit: string, px: number) => notify(protectionHit(botId, symbol, hit, px, deps.clock.now())),
    keysRefused: (accountId: string, reason: string) => notify(keysRefused(accountId, reason, deps.clock.now())),
    webhookRefused: refusalsPerMinute(deps.clock, notify),
  };
}
