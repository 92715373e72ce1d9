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

/** The mark of a cell hidden only so that a "<3" cell cannot be worked out from the column's total. */
export const SECONDARY_MARK = 'x';

/**
 * One column of a breakdown as shown: 1 and 2 as "<3" (primary suppression) and, where the column's
 * published total would otherwise give them away, the smallest other non-zero cell as "x" too
 * (secondary suppression). The total gives them away when a single cell is hidden, or when the hidden
 * cells are all 1 or all 2 (their sum is then k or 2k for k hidden cells).
 */
export function protectColumn(values: readonly number[], threshold = SMALL_COUNT_THRESHOLD): string[] {
  const shown = values.map((n) => protectedCount(n, threshold));
  const hidden = values.flatMap((n, i) => (isSmallCount(n, threshold) ? [i] : []));
  if (hidden.length === 0) return shown;
  const sum = hidden.reduce((s, i) => s + (values[i] ?? 0), 0);
  const values1to2 = threshold === SMALL_COUNT_THRESHOLD;
  const pinned = hidden.length === 1 || !values1to2 || sum === hidden.length || sum === 2 * hidden.length;
  if (!pinned) return shown;
  let pick = -1;
  values.forEach((n, i) => {
    if (n > 0 && !isSmallCount(n, threshold) && (pick < 0 || n < (values[pick] ?? 0))) pick = i;
  });
  if (pick >= 0) shown[pick] = SECONDARY_MARK;
  return shown;
}
