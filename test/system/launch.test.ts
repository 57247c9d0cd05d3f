import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../common/repo-root';
import { tempDir } from '../support/temp';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the launcher is plain JavaScript, run before anything is compiled
const { isBuildCurrent } = require('../../scripts/launch.js') as { isBuildCurrent(entry: string, root: string): boolean };

const root = repoRoot();

function touch(file: string, secondsAgo: number): void {
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, at, at);
}

/** A tiny project tree: one source, its compiled entry and the build stamp. */
function project(): { dir: string; source: string; stamp: string; compiled: string } {
  const dir = tempDir('ssj-launch-');
  for (const sub of ['common', 'scripts', 'dist/scripts']) mkdirSync(join(dir, sub), { recursive: true });
  const source = join(dir, 'common', 'dates.ts');
  const stamp = join(dir, 'dist', '.tsbuildinfo');
  const compiled = join(dir, 'dist', 'scripts', 'token.js');
  for (const file of [source, join(dir, 'scripts', 'token.ts'), stamp, compiled]) {
    writeFileSync(file, '');
    touch(file, 60);
  }
  return { dir, source, stamp, compiled };
}

describe('npm run token, verify-draw, import and migrate run the compiled command without compiling again', () => {
  it('go through the launcher, while npm start still builds', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const command of ['token', 'verify-draw', 'import', 'migrate'])
      expect(scripts[command]).toMatch(/^node scripts\/launch\.js (scripts|bench)\/[a-z-]+$/);
    expect(scripts.start).toMatch(/npm run -s build/);
  });

  it('counts the build as current only when it is newer than every source', () => {
    const { dir, source, stamp, compiled } = project();
    touch(stamp, 10);
    expect(isBuildCurrent('scripts/token', dir)).toBe(true);

    // A source edited after the build: compile first.
    touch(source, 1);
    expect(isBuildCurrent('scripts/token', dir)).toBe(false);

    // A tsconfig change counts too.
    touch(source, 60);
    writeFileSync(join(dir, 'tsconfig.json'), '{}');
    expect(isBuildCurrent('scripts/token', dir)).toBe(false);
    touch(join(dir, 'tsconfig.json'), 60);
    expect(isBuildCurrent('scripts/token', dir)).toBe(true);

    // Never built, or the entry missing.
    expect(isBuildCurrent('scripts/import', dir)).toBe(false);
    touch(compiled, 5);
    writeFileSync(stamp, '');
    touch(stamp, 120);
    expect(isBuildCurrent('scripts/token', dir)).toBe(false);
  });

  it('runs the compiled token command at once when dist/ is current, printing only the token', () => {
    // Jest's global setup has just built dist/.
    const run = spawnSync('npm', ['run', '-s', 'token', '--', '--role', 'coordinator'], {
      cwd: root,
      env: { ...process.env, AUTH_SECRET: 'a-development-secret-0123456789abcdef' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.stderr).not.toMatch(/正在编译|compiling/);
  });
});
