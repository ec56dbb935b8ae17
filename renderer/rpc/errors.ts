/** Field messages from a contract error (`data.issues`), keyed by dotted path: `strategy.slow`. */
export function fieldErrors(error: unknown): Record<string, string> {
  const issues = (error as { data?: { issues?: { path?: unknown[]; message?: string }[] } })?.data?.issues;
  const result: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const key = (issue.path ?? []).join('.');
    if (!(key in result)) result[key] = issue.message ?? 'Invalid value';
  }
  return result;
}

export const UNREACHABLE_MESSAGE = 'The engine did not answer; check that StoxRobot is still running, then try again';

/** An answer from the engine: it carries a code, a status and a message written for the trader. */
const isEngineAnswer = (error: unknown): error is { code: string; status: number; message: string } =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { status?: unknown }).status === 'number' && typeof (error as { message?: unknown }).message === 'string';

/**
 * What a trader reads when a call fails. The engine's answers are already plain (an unexpected
 * error arrives as "Something went wrong in the engine (ref …)"); anything else is the transport
 * failing, whose own text ("[AsyncIdQueue] closed") means nothing to a trader and goes to the console.
 */
export function errorMessage(error: unknown): string {
  if (isEngineAnswer(error)) return error.message;
  console.error(error);
  return UNREACHABLE_MESSAGE;
}
