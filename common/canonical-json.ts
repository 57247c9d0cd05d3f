/**
 * Canonical JSON (RFC 8785, JCS) for the values this system signs and hashes:
 * objects, arrays, strings, booleans, null and safe integers. Object keys are
 * sorted by UTF-16 code units, there is no insignificant white space, and strings
 * are escaped exactly as ECMAScript's JSON.stringify escapes them.
 */
export type CanonicalValue = null | boolean | number | string | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue | undefined };

/** Thrown inside `sortedCopy` when an object's keys cannot keep the order they are inserted in. */
const UNORDERED = Symbol('keys a plain object would reorder');

/**
 * A JavaScript object lists integer-like keys ("9", "10") first, in numeric order, whatever
 * order they were added in, and `__proto__` is no ordinary key; for those, the text is built
 * member by member instead.
 */
const REORDERED_KEY = /^(?:0|[1-9][0-9]*)$|^__proto__$/;

/** A copy with every object's keys inserted in canonical order, and every number checked. */
function sortedCopy(value: CanonicalValue): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new TypeError(`canonical JSON carries safe integers only, got ${value}`);
    return value;
  }
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = sortedCopy(value[i] as CanonicalValue);
    return copy;
  }
  const object = value as { readonly [key: string]: CanonicalValue | undefined };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    if (REORDERED_KEY.test(key)) throw UNORDERED;
    const member = object[key];
    if (member !== undefined) copy[key] = sortedCopy(member);
  }
  return copy;
}

/**
 * The canonical text. JSON.stringify of a copy whose keys are already in canonical order gives
 * it directly, and several times faster than assembling it in script (draw records run to
 * megabytes); `canonicalJsonByMembers` is the definition, and the path for the rare object whose
 * keys a copy would reorder.
 */
export function canonicalJson(value: CanonicalValue): string {
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (error) {
    if (error === UNORDERED) return canonicalJsonByMembers(value);
    throw error;
  }
}

export function canonicalJsonByMembers(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new TypeError(`canonical JSON carries safe integers only, got ${value}`);
    }
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJsonByMembers(item)).join(',')}]`;
  }
  const object = value as { readonly [key: string]: CanonicalValue | undefined };
  const members = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJsonByMembers(object[key] as CanonicalValue)}`);
  return `{${members.join(',')}}`;
}
