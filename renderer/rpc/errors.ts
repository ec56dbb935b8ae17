/** An issue as zod and the contract's errors carry it (`data.issues`). */
interface Issue {
  path?: unknown[];
  message?: string;
  code?: string;
  origin?: string;
  expected?: string;
  received?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

const amount = (n: number | bigint | undefined) => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 10 }) : String(n));

/** A library's wording ("Too small: expected number to be >=0.1") in the words of a form: "Requests per second must be at least 0.1". */
function plainWords(issue: Issue, label: string): string | null {
  const text = issue.origin === 'string';
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 names what it received only in its message.
      if (issue.received === 'undefined' || issue.message?.endsWith('received undefined')) return `${label} is required`;
      return issue.expected === 'int' ? `${label} must be a whole number` : issue.expected === 'number' ? `${label} must be a number` : null;
    case 'too_small':
      if (text) return issue.minimum === 1 ? `${label} is required` : `${label} must be at least ${amount(issue.minimum)} characters`;
      return issue.inclusive === false ? `${label} must be greater than ${amount(issue.minimum)}` : `${label} must be at least ${amount(issue.minimum)}`;
    case 'too_big':
      if (text) return `${label} must be at most ${amount(issue.maximum)} characters`;
      return issue.inclusive === false ? `${label} must be less than ${amount(issue.maximum)}` : `${label} must be at most ${amount(issue.maximum)}`;
    default:
      return null;
  }
}

/**
 * Field messages from a contract error or a zod result (`data.issues`), keyed by dotted path
 * (`strategy.slow`), first issue per field. With `labels`, the library's generic wording is put
 * in plain words naming the field as the form labels it; a schema's own message is kept.
 */
export function fieldErrors(error: unknown, labels: Record<string, string> = {}): Record<string, string> {
  const issues = (error as { data?: { issues?: Issue[] } })?.data?.issues;
  const result: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const key = (issue.path ?? []).join('.');
    if (key in result) continue;
    const label = labels[key];
    result[key] = (label && plainWords(issue, label)) || issue.message || 'Invalid value';
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
