import { os } from '@orpc/server';
import type { EngineServices } from '../services.ts';
import { contractError } from './errors.ts';

/**
 * The API on a full disk: changes (every procedure that is not a GET) are refused up front with the
 * disk's message while it is full, and a write that meets the full disk itself answers the same
 * UNAVAILABLE (503), never an internal error. Reads go on: the trader still sees everything stored.
 */
export const storageGuard = os.$context<{ engine: EngineServices }>().middleware(async ({ context: { engine }, procedure, next }) => {
  const unavailable = () => contractError({ code: 'UNAVAILABLE', message: engine.storage.status.message ?? 'The disk is full' });
  if (!engine.storage.writable && procedure['~orpc'].route.method !== 'GET') throw unavailable();
  try {
    return await next();
  } catch (error) {
    if (engine.storage.noteFailure(error)) throw unavailable();
    throw error;
  }
});
