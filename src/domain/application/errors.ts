/**
 * Field errors of the application form. A path is a stable, dot-separated key such as
 * `persons.1.birthDate.month`: the web layer shows the message next to that field and in the error
 * summary, in the order the errors were found (which is the order of the form).
 */
import { z } from 'zod';

/** One German error message for one field. */
export type FieldError = { path: string; message: string };

/** A validated value, or the field errors that explain why there is none. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Result of a single field parser: the clean value, or one German message. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Collects field errors under a path prefix; the first message per path wins. */
export class ErrorCollector {
  readonly errors: FieldError[] = [];
  readonly #seen = new Set<string>();

  add(path: string, message: string): void {
    if (this.#seen.has(path)) return;
    this.#seen.add(path);
    this.errors.push({ path, message });
  }

  /** Adds the error of a failed field result and returns its value (or null). */
  take<T>(path: string, result: FieldResult<T>): T | null {
    if (result.ok) return result.value;
    this.add(path, result.message);
    return null;
  }

  addAll(prefix: string, errors: readonly FieldError[]): void {
    for (const e of errors) this.add(joinPath(prefix, e.path), e.message);
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

/** Joins path segments with dots, skipping empty ones. */
export function joinPath(...segments: (string | number)[]): string {
  return segments.filter((s) => s !== '').join('.');
}

/** The errors whose path is `prefix` or lies below it (for showing one page of a section). */
export function errorsUnder(errors: readonly FieldError[], prefix: string): FieldError[] {
  return errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`));
}

/** Turns a validated result into the field errors list (empty when valid). */
export function errorsOf<T>(result: Validated<T>): FieldError[] {
  return result.ok ? [] : result.errors;
}

/**
 * Wraps a validator as a zod transform, so that the web/API layer can use it like any zod schema:
 * each field error becomes an issue with the matching path.
 */
export function validatingSchema<I, O>(input: z.ZodType<I>, validate: (value: I) => Validated<O>) {
  return input.transform((value, ctx) => {
    const result = validate(value);
    if (result.ok) return result.value;
    for (const e of result.errors) {
      ctx.issues.push({
        code: 'custom',
        message: e.message,
        input: value,
        path: e.path === '' ? [] : e.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      });
    }
    return z.NEVER;
  });
}

/** Converts zod issues (e.g. from the draft shape schema) into field errors. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  const c = new ErrorCollector();
  for (const issue of issues) c.add(joinPath(prefix, ...issue.path.map((p) => String(p))), issue.message);
  return c.errors;
}
