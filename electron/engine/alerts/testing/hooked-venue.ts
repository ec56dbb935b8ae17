import { delegatingVenue } from '../../testing/delegating-venue.ts';
import type { OrderRequest, SubmitResult, Venue } from '../../venues/venue.ts';

/** A venue that runs `afterSubmit` once the inner venue has answered, before the engine hears the answer. */
export function hookedVenue(inner: Venue, afterSubmit: (order: OrderRequest, result: SubmitResult) => void): Venue {
  return delegatingVenue(inner, {
    submit: async (order) => {
      const result = await inner.submit(order);
      afterSubmit(order, result);
      return result;
    },
  });
}
