import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../../shared/domain/order.ts';
import { assertTransition, canTransition, InvalidOrderTransition, isTerminal } from './order-state.ts';

describe('order state machine', () => {
  it('allows the normal life of an order', () => {
    expect(() => assertTransition('PENDING_SUBMIT', 'ACCEPTED')).not.toThrow();
    expect(() => assertTransition('ACCEPTED', 'PARTIALLY_FILLED')).not.toThrow();
    expect(() => assertTransition('PARTIALLY_FILLED', 'FILLED')).not.toThrow();
    expect(() => assertTransition('ACCEPTED', 'PENDING_CANCEL')).not.toThrow();
    expect(() => assertTransition('PENDING_CANCEL', 'CANCELED')).not.toThrow();
  });

  it('refuses invalid transitions with an error', () => {
    expect(() => assertTransition('FILLED', 'CANCELED')).toThrow(InvalidOrderTransition);
    expect(() => assertTransition('REJECTED', 'ACCEPTED')).toThrow('Order cannot go from REJECTED to ACCEPTED');
    expect(canTransition('ACCEPTED', 'PENDING_SUBMIT')).toBe(false);
  });

  it('has no way out of a terminal status', () => {
    const terminal = ORDER_STATUSES.filter(isTerminal);
    expect(terminal.sort()).toEqual(['CANCELED', 'EXPIRED', 'FILLED', 'REJECTED']);
    for (const from of terminal) for (const to of ORDER_STATUSES) expect(canTransition(from, to)).toBe(false);
  });
});
