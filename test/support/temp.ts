import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A temp folder removed when the test file's process exits. */
export function tempDir(prefix = 'ssj-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});
