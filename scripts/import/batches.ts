import type { PreparedRow } from './rows';

export interface BatchLimits {
  /** Rows per call; the server takes at most 5000. */
  maxRows: number;
  /** Bytes of JSON per call, well under the gateway's 1 MB body limit. */
  maxBytes: number;
}

/**
 * 1000 rows of ordinary entries are about 400 KB of JSON; the byte budget keeps
 * a batch of long 经营范围 texts (up to 2000 characters, 3 bytes each in UTF-8)
 * under the gateway's 1 MB limit too, leaving room for the query and escaping.
 */
export const DEFAULT_LIMITS: BatchLimits = { maxRows: 1000, maxBytes: 600 * 1024 };

/** Splits prepared rows into calls, keeping file order. */
export function batchesOf<T>(rows: ReadonlyArray<PreparedRow<T>>, limits: BatchLimits = DEFAULT_LIMITS): Array<Array<PreparedRow<T>>> {
  const batches: Array<Array<PreparedRow<T>>> = [];
  let current: Array<PreparedRow<T>> = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row.input)) + 1;
    if (current.length > 0 && (current.length >= limits.maxRows || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
