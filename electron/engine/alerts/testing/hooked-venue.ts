import type { OrderRequest, SubmitResult, Venue } from '../../venues/venue.ts';

/** A venue that runs `afterSubmit` once the inner venue has answered, before the engine hears the answer. */
export function hookedVenue(inner: Venue, afterSubmit: (order: OrderRequest, result: SubmitResult) => void): Venue {
  return {
    id: inner.id,
    inProcess: inner.inProcess,
    instruments: () => inner.instruments(),
    submit: async (order) => {
      const result = await inner.submit(order);
      afterSubmit(order, result);
      return result;
    },
    cancel: (clientOrderId) => inner.cancel(clientOrderId),
    fetchOrder: (clientOrderId) => inner.fetchOrder(clientOrderId),
    onEvent: (listener) => inner.onEvent(listener),
  };
}
