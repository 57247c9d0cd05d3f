/**
 * 抽取结果核验 — checks a draw record offline, with nothing but the file: an SSJ-DRAW-1
 * record, or an SSJ-DRAW-2 public or full record (docs/draw-algorithm.md):
 *
 *   node dist/scripts/verify-draw.js <record.json>
 *
 * Exit status: 0 when the record verifies, 1 when it does not, 2 on a usage error or an
 * unreadable file — so a script can tell "tampered" from "could not check".
 */
import { readFile } from 'node:fs/promises';
import { verifyAnyDrawRecord } from '../subgraphs/joint/src/draw/verify-any';
import { userPath } from './running-system';

export type Output = {
  out: (line: string) => void;
  err: (line: string) => void;
};

const consoleOutput: Output = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

const USAGE = 'usage: verify-draw <record.json>  (a draw record as published: SSJ-DRAW-1, or SSJ-DRAW-2 public or full)';

/** Figures for the OK line; only called once the record has verified, so the shape is known. */
function summary(text: string, kind: string): string {
  const parsed = JSON.parse(text) as { assignments?: unknown[]; poolDigest?: string; record?: { assignments: unknown[]; poolDigest: string } };
  const record = parsed.record ?? parsed;
  const figures = `${record.assignments!.length} assignments, pool digest ${record.poolDigest!}`;
  return kind === 'SSJ-DRAW-1' ? figures : `${kind} record, ${figures}`;
}

export async function main(argv: readonly string[], output: Output = consoleOutput): Promise<number> {
  if (argv.length !== 1 || argv[0] === '--help' || argv[0] === '-h') {
    output.err(USAGE);
    return 2;
  }
  const file = argv[0]!;
  let text: string;
  try {
    // `npm run verify-draw -- record.json` runs in the project folder: read the file from where it was typed.
    text = await readFile(userPath(file), 'utf8');
  } catch (error) {
    output.err(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const verification = verifyAnyDrawRecord(text);
  if (verification.ok) {
    output.out(`OK: draw record verifies (${summary(text, verification.kind)})`);
    return 0;
  }
  output.out(`FAILED: draw record ${file} does not verify:`);
  for (const problem of verification.problems) output.out(`  - ${problem}`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
