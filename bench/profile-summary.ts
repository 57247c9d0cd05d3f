/**
 * node dist/bench/profile-summary.js <file.cpuprofile> [--top=25] [--under=<function name>]
 *
 * Reads a profile written by `node --cpu-prof` (the bench's `--profile=`) and
 * prints where the time went: self time by function and by file or package,
 * and, with `--under`, the total time spent below functions of that name.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './lib/processes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  byFunction: Array<{ name: string; ms: number }>;
  byFile: Array<{ name: string; ms: number }>;
  under: Array<{ name: string; ms: number }>;
}

function location(url: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return path.startsWith('node:') ? path : relative(ROOT, path);
}

export function summarize(profile: CpuProfile, underNames: readonly string[] = []): ProfileSummary {
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    total += ms;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const where = location(url);
    const name = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byFile.set(where, (byFile.get(where) ?? 0) + ms);
  }
  // Inclusive time below each named function (counted once per sample even when recursive).
  const under = new Map<string, number>();
  if (underNames.length) {
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    for (const [id, ms] of self) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = nodes.get(at)!.callFrame.functionName;
        if (underNames.includes(name) && !seen.has(name)) {
          seen.add(name);
          under.set(name, (under.get(name) ?? 0) + ms);
        }
      }
    }
  }
  const sorted = (map: Map<string, number>) => [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total, idleMs: idle, byFunction: sorted(byFunction), byFile: sorted(byFile), under: sorted(under) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [--top=25] [--under=name,name]');
    process.exit(2);
  }
  const top = Number(args.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 25);
  const underNames = (args.find((arg) => arg.startsWith('--under='))?.slice(8) ?? '').split(',').filter(Boolean);
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, underNames);
  const busy = summary.totalMs - summary.idleMs;
  const line = (entry: { name: string; ms: number }) =>
    `${entry.ms.toFixed(0).padStart(8)} ms ${((entry.ms / busy) * 100).toFixed(1).padStart(5)} %  ${entry.name}`;
  console.log(`${file}: ${summary.totalMs.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (percentages of busy time)`);
  console.log('\nself time by file or package:');
  for (const entry of summary.byFile.slice(0, top)) console.log(line(entry));
  console.log('\nself time by function:');
  for (const entry of summary.byFunction.slice(0, top)) console.log(line(entry));
  if (summary.under.length) {
    console.log('\ntotal time below:');
    for (const entry of summary.under) console.log(line(entry));
  }
}
