/**
 * 抽取结果核验 — checks a published SSJ-DRAW-1 record offline, with nothing but the file:
 *
 *   node dist/scripts/verify-draw.js <record.json>
 *
 * Exit status: 0 when the record verifies, 1 when it does not, 2 on a usage error or an
 * unreadable file — so a script can tell "tampered" from "could not check".
 */
import { readFile } from 'node:fs/promises';
import { verifyDrawRecord } from '../subgraphs/joint/src/draw/algorithm';
import { userPath } from './running-system';

export type Output = {
  out: (line: string) => void;
  err: (line: string) => void;
};

const consoleOutput: Output = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

const USAGE = 'usage: verify-draw <record.json>  (a draw record as published in InspectionTask.draw.record)';

/** Figures for the OK line; only called once the record has verified, so the shape is known. */
function summary(text: string): string {
  const record = JSON.parse(text) as { assignments: unknown[]; poolDigest: string };
  return `${record.assignments.length} assignments, pool digest ${record.poolDigest}`;
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
  const verification = verifyDrawRecord(text);
  if (verification.ok) {
    output.out(`OK: draw record verifies (${summary(text)})`);
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
