/** Outcome of a domain check: the value, or the German messages that explain why there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps German error messages as a failed result. */
export function fail<T>(errors: string[]): Result<T> {
  return { ok: false, errors };
}
