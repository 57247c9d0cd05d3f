/**
 * npm run token | verify-draw | import | migrate | compose | migration:create | bench
 *
 *   node scripts/launch.js scripts/token --role coordinator
 *
 * Runs the compiled command from dist/ straight away when the build is current,
 * and compiles once first when it is not. Compiling takes 6–12 s, and these
 * commands are run again and again (a token per inspector when recording
 * results), so they must not compile on every call.
 *
 * "Current" means dist/.tsbuildinfo, which every build writes, is newer than
 * every TypeScript source and tsconfig file. Plain JavaScript so that it runs
 * before anything is compiled. Everything it says goes to stderr: stdout
 * belongs to the command (`TOKEN=$(npm run -s token -- …)`).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const SOURCE_DIRS = ['common', 'gateway', 'subgraphs', 'identity', 'scripts', 'bench'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
const BUILD_STAMP = join(ROOT, 'dist', '.tsbuildinfo');

/** The latest modification time of anything the build compiles, in ms. */
function newestSourceTime(root = ROOT) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) visit(join(root, dir));
  for (const file of CONFIG_FILES) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** True when `dist/<entry>.js` exists and the last build is newer than every source. */
function isBuildCurrent(entry, root = ROOT) {
  const compiled = join(root, 'dist', `${entry}.js`);
  const stamp = join(root, 'dist', '.tsbuildinfo');
  if (!existsSync(compiled) || !existsSync(stamp)) return false;
  return statSync(stamp).mtimeMs >= newestSourceTime(root);
}

/** Compiles the project (tsc -p tsconfig.build.json); its diagnostics go to stderr. Returns tsc's exit status. */
function build() {
  process.stderr.write('正在编译，只在源代码改动后进行一次 (compiling once after a source change) …\n');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status === 0 && existsSync(BUILD_STAMP)) {
    // tsc leaves its build info alone when no output changed (a source was only touched): mark this build as seen.
    const now = new Date();
    utimesSync(BUILD_STAMP, now, now);
  }
  return result.status ?? 1;
}

function main(argv) {
  const [entry, ...args] = argv;
  if (!entry || !/^[a-z-]+\/[a-z-]+$/.test(entry)) {
    process.stderr.write('用法 (usage): node scripts/launch.js scripts/<command> [arguments]\n');
    process.exit(2);
  }
  if (!isBuildCurrent(entry)) {
    const status = build();
    if (status !== 0) {
      process.stderr.write(`编译失败，请先修正上面的错误 (the build failed with status ${status}: fix the errors above)\n`);
      process.exit(status);
    }
  }
  const compiled = join(ROOT, 'dist', `${entry}.js`);
  if (!existsSync(compiled)) {
    process.stderr.write(`没有这个命令 (no such command): ${entry}\n`);
    process.exit(2);
  }
  // Run it as the main module of this process, so `require.main === module` holds as with `node dist/…js`.
  process.argv = [process.argv[0], compiled, ...args];
  Module.runMain();
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { isBuildCurrent, newestSourceTime };
