import type { Logger } from '../ports/logger.ts';

/** The part of `process` this needs (a test passes an EventEmitter). */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

/**
 * The host's safety net. The engine handles its own failures (a full disk among them); should a
 * promise rejection still go unhandled, it is logged as the bug it is and the engine keeps serving
 * (Node's default would end the process, and with it every bot). An uncaught exception may have
 * left state half-changed, so it is logged and the process exits as Node would.
 */
export function logUnhandled(events: ProcessEvents, logger: Logger, exit: (code: number) => void): void {
  events.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection (a bug); the engine keeps running', { error: reason }));
  events.on('uncaughtException', (error) => {
    logger.error('Uncaught exception (a bug); the engine stops', { error });
    exit(1);
  });
}
