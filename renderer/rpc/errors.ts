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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
