import { z } from 'zod';
import { MAX_ID_LENGTH } from './limits.ts';

/** Our own id for an order, sent to the venue so a retry or restart can never double it. */
export const ClientOrderIdSchema = z.string().min(1).max(MAX_ID_LENGTH).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const BotIdSchema = z.string().min(1).max(MAX_ID_LENGTH).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
