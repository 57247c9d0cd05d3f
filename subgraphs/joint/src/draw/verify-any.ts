/**
 * One entry point for every record version: SSJ-DRAW-1 records (`input.algorithm`), and the
 * SSJ-DRAW-2 public (`pool`) and full (`record`) records. docs/draw-algorithm.md §9 and §11.
 */
import { verifyDrawRecord, type DrawVerification } from './algorithm';
import { verifyFullRecord2, verifyPublicRecord2 } from './ssj-draw-2/verify';

export type RecordKind = 'SSJ-DRAW-1' | 'SSJ-DRAW-2 public' | 'SSJ-DRAW-2 full' | 'unknown';

export function recordKind(record: unknown): RecordKind {
  if (typeof record !== 'object' || record === null) return 'unknown';
  const value = record as Record<string, unknown>;
  if (value.algorithm === 'SSJ-DRAW-2') return 'record' in value ? 'SSJ-DRAW-2 full' : 'SSJ-DRAW-2 public';
  const input = value.input as Record<string, unknown> | undefined;
  return input?.algorithm === 'SSJ-DRAW-1' ? 'SSJ-DRAW-1' : 'unknown';
}

/** Verifies a record of any version, given as text or parsed; never throws. */
export function verifyAnyDrawRecord(recordOrJson: unknown): DrawVerification & { kind: RecordKind } {
  let parsed = recordOrJson;
  if (typeof recordOrJson === 'string') {
    try {
      parsed = JSON.parse(recordOrJson);
    } catch (error) {
      return { kind: 'unknown', ok: false, problems: [`the draw record is not valid JSON: ${(error as Error).message}`] };
    }
  }
  const kind = recordKind(parsed);
  if (kind === 'SSJ-DRAW-2 full') return { kind, ...verifyFullRecord2(parsed) };
  if (kind === 'SSJ-DRAW-2 public') return { kind, ...verifyPublicRecord2(parsed) };
  // SSJ-DRAW-1's own verifier names what is missing in a record that is neither.
  return { kind, ...verifyDrawRecord(parsed) };
}
