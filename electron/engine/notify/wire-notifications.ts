import type { OrderManager } from '../execution/order-manager.ts';
import type { Clock } from '../ports/clock.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import { emergencyStopChanged, keysRefused, protectionHit, riskLocked, watchOrders, watchVenues } from './engine-sources.ts';
import type { EmergencyStop } from '../risk/emergency-stop.ts';
import { refusalsPerMinute } from './refusals-per-minute.ts';
import type { NotifyService } from './notify-service.ts';

/** The hooks createEngine hands to the parts that know of an event; everything else is watched here. */
export function wireNotifications(service: NotifyService, deps: { orders: OrderManager; venues: VenueRegistry; emergency: EmergencyStop; clock: Clock }) {
  const notify = (event: Parameters<NotifyService['notify']>[0]) => service.notify(event);
  watchOrders(deps.orders, notify);
  watchVenues(deps.venues, deps.clock, notify);
  deps.emergency.onChange((change) => notify(emergencyStopChanged(change)));
  return {
    protectionHit: (botId: string, symbol: string, hit: string, px: number) => notify(protectionHit(botId, symbol, hit, px, deps.clock.now())),
    keysRefused: (accountId: string, reason: string) => notify(keysRefused(accountId, reason, deps.clock.now())),
    webhookRefused: refusalsPerMinute(deps.clock, notify),
    riskLocked: (title: string, body: string) => notify(riskLocked(title, body, deps.clock.now())),
  };
}
