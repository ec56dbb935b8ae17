/** Base quantities are kept to 10 decimals, as positions are. */
export const BASE_DECIMALS = 10;

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const quantity = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8 });

/** `28,914,000.00 USDT`: how a trader reads an amount of the account currency. */
export const formatMoney = (value: number, currency: string): string => `${money.format(value)} ${currency}`;

/** `0.00008 BTC`: quantities keep their significant digits instead of rounding to zero. */
export const formatQuantity = (value: number, currency: string): string => `${quantity.format(value)} ${currency}`;
