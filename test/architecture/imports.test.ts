import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { repoRoot } from '../../common/repo-root';

/**
 * Who may import whom, read from the import statements of the sources: the
 * feature folders of a subgraph form no loop (a folder never imports, directly
 * or through others, a folder that imports it), and `common/` depends on no
 * service.
 */

const ROOT = repoRoot();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

interface ImportStatement {
  from: string;
  /** The imported file, resolved (without extension). */
  target: string;
  typeOnly: boolean;
}

/** Every `import … from`, `export … from` and `import '…'` of relative modules in a file. */
export function relativeImports(file: string, text = readFileSync(file, 'utf8')): ImportStatement[] {
  const statements: ImportStatement[] = [];
  const pattern = /^(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gms;
  for (const match of text.matchAll(pattern)) {
    statements.push({ from: file, target: resolve(dirname(file), match[3]!), typeOnly: match[2] !== undefined });
  }
  return statements;
}

/** The folder directly under `src` a file belongs to, or null for a file of `src` itself (the subgraph's composition: app, schema, context …). */
function featureFolder(src: string, file: string): string | null {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0]! : null;
}

/** Folder → the folders it imports. */
export function folderGraph(src: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const folder = featureFolder(src, file);
    if (!folder) continue;
    const edges = graph.get(folder) ?? new Set<string>();
    graph.set(folder, edges);
    for (const { target } of relativeImports(file)) {
      if (relative(src, target).startsWith('..')) continue;
      const imported = featureFolder(src, target);
      if (imported && imported !== folder) edges.add(imported);
    }
  }
  return graph;
}

/** The loops of a graph: its strongly connected components of more than one node (Tarjan). */
export function loops(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return found;
}

describe('the import structure', () => {
  it.each(['subgraphs/joint/src', 'subgraphs/division/src', 'identity/src'])('%s: no feature folder imports a folder that imports it back', (src) => {
    const graph = folderGraph(join(ROOT, src));
    expect(graph.size).toBeGreaterThan(3);
    expect(loops(graph)).toEqual([]);
  });

  it("subgraphs/joint/src: feature folders take only types from the subgraph's composition files (the context)", () => {
    const src = join(ROOT, 'subgraphs/joint/src');
    const offending = sourceFiles(src)
      .filter((file) => featureFolder(src, file) !== null)
      .flatMap((file) => relativeImports(file))
      .filter(({ target, typeOnly }) => !relative(src, target).startsWith('..') && featureFolder(src, target) === null && !typeOnly)
      .map(({ from, target }) => `${relative(ROOT, from)} → ${relative(ROOT, target)}`);
    expect(offending).toEqual([]);
  });

  it('identity/ imports nothing from a subgraph or the gateway: it is a service of its own', () => {
    const services = ['subgraphs', 'gateway'].map((folder) => join(ROOT, folder) + sep);
    const offending = sourceFiles(join(ROOT, 'identity'))
      .flatMap((file) => relativeImports(file))
      .filter(({ target }) => services.some((service) => target.startsWith(service)))
      .map(({ from, target }) => `${relative(ROOT, from)} → ${relative(ROOT, target)}`);
    expect(offending).toEqual([]);
  });

  it('common/ imports nothing from a subgraph, the gateway, the identity provider, the scripts or the bench', () => {
    const services = ['subgraphs', 'gateway', 'identity', 'scripts', 'bench'].map((folder) => join(ROOT, folder) + sep);
    const offending = sourceFiles(join(ROOT, 'common'))
      .flatMap((file) => relativeImports(file))
      .filter(({ target }) => services.some((service) => target.startsWith(service)))
      .map(({ from, target }) => `${relative(ROOT, from)} → ${relative(ROOT, target)}`);
    expect(offending).toEqual([]);
  });

  it('finds the loops it looks for', () => {
    // The check itself, on a graph with a loop of three folders beside an acyclic one.
    const graph = new Map([
      ['tasks', new Set(['draw'])],
      ['draw', new Set(['credit'])],
      ['credit', new Set(['tasks', 'support'])],
      ['support', new Set<string>()],
    ]);
    expect(loops(graph)).toEqual([['credit', 'draw', 'tasks']]);
    const file = join(ROOT, 'subgraphs/joint/src/tasks/example.ts');
    expect(relativeImports(file, "import type { A } from '../draw/a';\nimport {\n  B,\n} from '../credit/b';\nexport { C } from './c';\n")).toEqual([
      { from: file, target: join(ROOT, 'subgraphs/joint/src/draw/a'), typeOnly: true },
      { from: file, target: join(ROOT, 'subgraphs/joint/src/credit/b'), typeOnly: false },
      { from: file, target: join(ROOT, 'subgraphs/joint/src/tasks/c'), typeOnly: false },
    ]);
  });
});
