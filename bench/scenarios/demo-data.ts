/**
 * Scenario 4 — the demonstration data of all five divisions built from a cold
 * start: `npm start` builds it on every first run, so it must stay quick. Each
 * round is a fresh Node process that loads the compiled module and builds every
 * division (what a first `npm start` does before seeding); the figure is the
 * median of the rounds.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../lib/processes';

export interface DemoDataResult {
  rounds: number[];
  medianMs: number;
}

const CODES = ['ZA', 'WA', 'JD', 'JJ', 'CRJ'];

export function demoDataBuild(rounds = 5): DemoDataResult {
  const module = join(ROOT, 'dist', 'subgraphs', 'division', 'src', 'seed', 'demo-data.js');
  const script = `const started = performance.now(); const { demoDataFor } = require(${JSON.stringify(module)}); for (const code of ${JSON.stringify(CODES)}) demoDataFor(code); process.stdout.write(String(performance.now() - started));`;
  const times = Array.from({ length: rounds }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  const sorted = [...times].sort((a, b) => a - b);
  return { rounds: times, medianMs: sorted[Math.floor(sorted.length / 2)]! };
}
