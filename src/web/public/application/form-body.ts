/**
 * Posted forms arrive as flat `name=value` pairs (`persons.0.birthDate.day=3`); the draft schemas
 * want nested objects. This turns one into the other, refusing names that could reach
 * Object.prototype and bounding depth and size, so no form can do more than fill a draft.
 */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 8;
const MAX_FIELDS = 2000;
const NAME = /^[A-Za-z0-9_:-]{1,120}$/;

export type FormValue = string | string[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** The posted body as a nested object; fields with unusable names are dropped. */
export function unflatten(body: unknown): FormObject {
  const out: FormObject = {};
  if (body === null || typeof body !== 'object') return out;
  let count = 0;
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    if (++count > MAX_FIELDS) break;
    const parts = name.split('.');
    if (parts.length > MAX_DEPTH || parts.some((p) => !NAME.test(p) || FORBIDDEN.has(p))) continue;
    const value = Array.isArray(raw)
      ? raw.filter((v) => typeof v === 'string')
      : typeof raw === 'string'
        ? raw
        : null;
    if (value === null) continue;
    let node: FormObject = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === undefined || typeof next === 'string' || Array.isArray(next)) {
        const child: FormObject = {};
        node[part] = child;
        node = child;
      } else {
        node = next;
      }
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}

/** A single posted value (the last one if a name came twice). */
export function single(value: FormValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[value.length - 1];
  return undefined;
}

/** A list of posted values (checkboxes): one value arrives as a string, several as an array. */
export function list(value: FormValue | undefined): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v) => v !== '');
  return [];
}

/** A nested object of the form, or an empty one. */
export function group(value: FormValue | undefined): FormObject {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
