/**
 * npm run build (after tsc) — bundles the workbench, a React application, into
 * dist/workbench/: one script and one stylesheet whose names carry a hash of their
 * content, and manifest.json naming them, which the gateway reads to serve them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../common/repo-root';

export interface WorkbenchManifest {
  script: string;
  style: string | null;
}

export const WORKBENCH_MANIFEST = 'manifest.json';

export function workbenchOutDir(root = repoRoot(__dirname)): string {
  return join(root, 'dist', 'workbench');
}

export async function buildWorkbench(root = repoRoot(__dirname)): Promise<WorkbenchManifest> {
  const result = await build({
    entryPoints: [join(root, 'workbench', 'src', 'main.tsx')],
    bundle: true,
    write: false,
    minify: true,
    sourcemap: false,
    target: ['es2020', 'chrome100', 'safari15'],
    format: 'iife',
    jsx: 'automatic',
    outdir: 'out',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(root, 'workbench', 'tsconfig.json'),
  });
  const outDir = workbenchOutDir(root);
  mkdirSync(outDir, { recursive: true });
  for (const old of readdirSync(outDir)) rmSync(join(outDir, old), { force: true });
  const named = (text: Uint8Array, extension: string) => `workbench-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.${extension}`;
  const manifest: WorkbenchManifest = { script: '', style: null };
  for (const file of result.outputFiles) {
    const extension = file.path.endsWith('.css') ? 'css' : 'js';
    const name = named(file.contents, extension);
    writeFileSync(join(outDir, name), file.contents);
    if (extension === 'js') manifest.script = name;
    else manifest.style = name;
  }
  writeFileSync(join(outDir, WORKBENCH_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (require.main === module) {
  const started = Date.now();
  buildWorkbench().then(
    (manifest) => console.error(`workbench built in ${Date.now() - started} ms: dist/workbench/${manifest.script}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
