/**
 * The one way `lz` prints JSON: on stdout, nothing else there (progress and logs go to stderr), and
 * money as numbers rounded to cents, so `jq '.costs.totalUsd'` reads 1430.79, not 1430.7899999999.
 */

/** Keys whose number is an amount of money (monthly totals, savings), not a unit price: `totalUsd`, `monthly`. */
export const isMoneyKey = (key: string): boolean => /Usd$/.test(key) || key === 'monthly';

/** Rounds to cents (half away from zero, as a price list does). */
export const cents = (usd: number): number => Math.sign(usd) * Math.round(Math.abs(usd) * 100 + Number.EPSILON) / 100;

/** `value` as indented JSON, with every money amount rounded to cents. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (typeof v === 'number' && Number.isFinite(v) && isMoneyKey(key) ? cents(v) : v), 2);
}
