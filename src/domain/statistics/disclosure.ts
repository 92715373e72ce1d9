/**
 * Small counts in breakdowns by nationality or authority could point to a single family, so the
 * annual report shows them only as "<3". Zero stays visible: it identifies nobody.
 */

/** Counts from 1 up to (not including) this threshold are shown as "<3". */
export const SMALL_COUNT_THRESHOLD = 3;

/** True if the count must not be shown as it is. */
export function isSmallCount(n: number, threshold = SMALL_COUNT_THRESHOLD): boolean {
  return n > 0 && n < threshold;
}

/** The count as shown in a breakdown: '<3' for 1 and 2, otherwise the number in German notation. */
export function protectedCount(n: number, threshold = SMALL_COUNT_THRESHOLD): string {
  return isSmallCount(n, threshold) ? `<${threshold}` : germanNumber(n);
}

/** 1234 → '1.234'; 12.5 → '12,5' (one decimal at most). */
export function germanNumber(n: number): string {
  return new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(n);
}
