/**
 * Prices and fees keep at least 2 decimals and show up to 8, so a coin at 0.00001234 is not shown
 * as 0.00; quantities show up to 10 (a dust remainder of 1e-9 reads 0.000000001, not 1e-9). No
 * thousands separators: a cell can be copied and read back as a number.
 */
const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 8, useGrouping: false });
const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10, useGrouping: false });

export const formatPrice = (value: number): string => price.format(value);
export const formatQty = (value: number): string => quantity.format(value);
