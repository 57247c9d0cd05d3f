/**
 * Extension subgraphs: systems of a division or another department that add
 * their own types and fields to the graph (治安's hotel guest registrations,
 * 交警's vehicle records) without any change to this code base. Each is listed
 * in `schema/extension-subgraphs.json` with its name, its URL and where its SDL
 * comes from; `npm run compose` composes them with the division and joint
 * subgraphs.
 *
 *   {
 *     "subgraphs": [
 *       { "name": "lodging", "url": "http://127.0.0.1:4110/graphql", "sdl": "schema/lodging.graphql" },
 *       { "name": "vehicles", "url": "http://jj-vehicles.internal:8080/graphql" }
 *     ]
 *   }
 *
 * `sdl` names a file (relative to the repository); without it the SDL is asked
 * from the running service (`_service { sdl }`), signed with CONTEXT_SECRET as
 * the gateway signs, since this system's subgraphs answer nothing unsigned.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { CONTEXT_HEADER, contextKey, serviceViewer, signContext } from '../common/context-token';
import { repoRoot } from '../common/repo-root';

export interface ExtensionSubgraph {
  name: string;
  url: string;
  /** A file holding the SDL, relative to the repository; absent: ask the running service. */
  sdl?: string;
  /** For people reading the file. */
  description?: string;
}

export const EXTENSION_CONFIG = join('schema', 'extension-subgraphs.json');

/** Names the supergraph already uses, and the one the gateway routes by division. */
const RESERVED = new Set(['division', 'joint', 'supergraph']);
const NAME = /^[a-z][a-z0-9_-]{0,39}$/;

export class ExtensionConfigError extends Error {}

/** Reads and checks the configuration file; a missing file means no extension subgraphs. */
export function readExtensionConfig(file: string = join(repoRoot(), EXTENSION_CONFIG)): ExtensionSubgraph[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ExtensionConfigError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExtensionConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const list = (parsed as { subgraphs?: unknown } | null)?.subgraphs;
  if (!Array.isArray(list)) throw new ExtensionConfigError(`${file}: needs a "subgraphs" list`);
  const seen = new Set<string>();
  return list.map((entry, index) => {
    const where = `${file}: subgraphs[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new ExtensionConfigError(`${where} is not an object`);
    const { name, url, sdl, description } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !NAME.test(name))
      throw new ExtensionConfigError(`${where}: "name" must be lower-case letters, digits, - or _ (e.g. "lodging")`);
    if (RESERVED.has(name)) throw new ExtensionConfigError(`${where}: the name "${name}" is taken by this system's own subgraphs`);
    if (seen.has(name)) throw new ExtensionConfigError(`${where}: "${name}" is listed twice`);
    seen.add(name);
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new ExtensionConfigError(`${where}: "url" must be the http(s) URL of its GraphQL endpoint`);
    if (sdl !== undefined && (typeof sdl !== 'string' || sdl === ''))
      throw new ExtensionConfigError(`${where}: "sdl" must name a file, or be left out to ask the running service`);
    if (description !== undefined && typeof description !== 'string') throw new ExtensionConfigError(`${where}: "description" must be text`);
    return { name, url, ...(sdl ? { sdl } : {}), ...(description ? { description } : {}) };
  });
}

export interface SdlSources {
  /** Files this composition writes anyway (repository-relative path → text): read from here, not from disk. */
  printed?: Record<string, string>;
  /** Signs the `_service` request to a running extension; without it the request goes unsigned. */
  contextSecret?: string;
  root?: string;
}

/** The SDL of one extension subgraph, from its file or from the running service. */
export async function extensionSdl(subgraph: ExtensionSubgraph, sources: SdlSources = {}): Promise<string> {
  const root = sources.root ?? repoRoot();
  if (subgraph.sdl) {
    const file = isAbsolute(subgraph.sdl) ? subgraph.sdl : join(root, subgraph.sdl);
    const printed = sources.printed?.[relative(root, file)];
    if (printed !== undefined) return printed;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new ExtensionConfigError(`${subgraph.name}: cannot read its SDL file ${subgraph.sdl} (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sources.contextSecret) headers[CONTEXT_HEADER] = await signContext(serviceViewer('gateway'), contextKey(sources.contextSecret));
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: Array<{ message?: string }> };
  try {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(10_000),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new ExtensionConfigError(
      `${subgraph.name}: no SDL from the running service at ${subgraph.url} (${error instanceof Error ? error.message : error}); start it, or give its SDL as a file in "sdl"`,
    );
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    const reason = body.errors?.[0]?.message ?? 'the answer carries no _service.sdl';
    throw new ExtensionConfigError(
      `${subgraph.name}: no SDL from ${subgraph.url}: ${reason}${sources.contextSecret ? '' : ' (set CONTEXT_SECRET if it expects the gateway’s signature)'}`,
    );
  }
  return sdl.endsWith('\n') ? sdl : `${sdl}\n`;
}
