/**
 * Metrics label operations by the names the system's own clients send
 * (`common/operation-names.ts`); this test fails when the code sends a named
 * operation that list does not know, so the list cannot fall behind.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KNOWN_OPERATIONS } from '../../common/operation-names';
import { repoRoot } from '../../common/repo-root';

const ROOT = repoRoot();
/** Where the system's clients live; bench/scenarios hold attacks on purpose. */
const SOURCES = ['gateway/src', 'scripts', 'subgraphs', 'common', 'bench/lib'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(ts|graphql)$/.test(name) ? [path] : [];
  });
}

it('every named operation the code sends is a known operation', () => {
  const found = new Map<string, string>();
  for (const file of SOURCES.flatMap((dir) => files(join(ROOT, dir)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:query|mutation)\s+([A-Z][A-Za-z0-9_]*)\s*[({]/g)) {
      found.set(match[1]!, relative(ROOT, file));
    }
  }
  expect(found.size).toBeGreaterThan(20);
  const unknown = [...found].filter(([name]) => !KNOWN_OPERATIONS.has(name)).map(([name, file]) => `${name} (${file})`);
  expect(unknown).toEqual([]);
});
