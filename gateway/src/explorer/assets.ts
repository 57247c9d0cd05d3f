import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../../common/repo-root';

/** One file the explorer page loads, served from this gateway only. */
export interface Asset {
  /** Path under /explorer/assets/, versioned so it may be cached for a year. */
  path: string;
  file: string;
  contentType: string;
}

function packageDir(name: string): { dir: string; version: string } {
  const manifest = require.resolve(`${name}/package.json`);
  return { dir: dirname(manifest), version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version };
}

/** The explorer's own files, kept beside this module in the source tree (tsc copies only .ts). */
function ownFile(name: string): string {
  return join(repoRoot(__dirname), 'gateway', 'src', 'explorer', 'public', name);
}

function contentVersion(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const MAP = 'application/json; charset=utf-8';

/**
 * GraphiQL's UMD bundle and stylesheet and React 18's UMD builds from
 * node_modules, and the small script that boots them. Package versions and a
 * content hash are in the paths: an upgrade changes the URL, so browsers never
 * keep a stale copy under the long cache lifetime.
 */
export function explorerAssets(): { scripts: Asset[]; styles: Asset[]; extras: Asset[] } {
  const graphiql = packageDir('graphiql');
  const react = packageDir('react');
  const reactDom = packageDir('react-dom');
  const boot = ownFile('explorer.js');
  const style = ownFile('explorer.css');
  const g = `graphiql-${graphiql.version}`;
  return {
    scripts: [
      { path: `react-${react.version}/react.production.min.js`, file: join(react.dir, 'umd', 'react.production.min.js'), contentType: JS },
      { path: `react-dom-${reactDom.version}/react-dom.production.min.js`, file: join(reactDom.dir, 'umd', 'react-dom.production.min.js'), contentType: JS },
      { path: `${g}/graphiql.min.js`, file: join(graphiql.dir, 'graphiql.min.js'), contentType: JS },
      { path: `explorer-${contentVersion(boot)}.js`, file: boot, contentType: JS },
    ],
    styles: [
      { path: `${g}/graphiql.min.css`, file: join(graphiql.dir, 'graphiql.min.css'), contentType: CSS },
      { path: `explorer-${contentVersion(style)}.css`, file: style, contentType: CSS },
    ],
    // Source maps sit beside the bundles so browser developer tools find them on this origin too.
    extras: [
      { path: `${g}/graphiql.min.js.map`, file: join(graphiql.dir, 'graphiql.min.js.map'), contentType: MAP },
      { path: `${g}/graphiql.min.css.map`, file: join(graphiql.dir, 'graphiql.min.css.map'), contentType: MAP },
    ],
  };
}
