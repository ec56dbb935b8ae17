const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** The account currency to the cent; other currencies (base assets) to 8 decimals, without trailing zeros. */
export function formatAmount(value: number, currency: string, accountCurrency: string): string {
  return currency === accountCurrency ? money.format(value) : quantity.format(value);
}
