import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the TypeScript sources', () => {
  it('type-check without errors (tests included)', () => {
    const root = join(__dirname, '..', '..');
    const result = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 180_000);
});

describe("the workbench's sources", () => {
  it('type-check without errors against the DOM and React', () => {
    const root = join(__dirname, '..', '..');
    const result = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'workbench', 'tsconfig.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 180_000);
});
