const format = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A quote-currency amount, green when positive and red when negative. */
export function Money({ value, testId }: { value: number; testId?: string }) {
  const tone = value > 0 ? 'up' : value < 0 ? 'down' : '';
  return (
    <span className={`money ${tone}`} data-testid={testId}>
      {format.format(value)}
    </span>
  );
}
