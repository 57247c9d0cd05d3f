import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { join } from 'node:path';
import { subgraphSdl } from '../common/federation';
import { buildDivisionSchema } from '../subgraphs/division/src/schema';
import { buildJointSchema } from '../subgraphs/joint/src/schema';
import { buildLodgingSchema } from '../subgraphs/lodging/src/schema';
import { extensionSdl, readExtensionConfig } from './extension-subgraphs';

/**
 * The subgraphs of the supergraph. The division subgraph's URL is a placeholder:
 * the gateway sends its fetches to each division's own instance (DIVISIONS).
 */
export const SUBGRAPHS = [
  { name: 'division', url: 'http://division.routed-by-gateway/graphql', build: buildDivisionSchema },
  { name: 'joint', url: 'http://127.0.0.1:4100/graphql', build: buildJointSchema },
] as const;

/**
 * Extension subgraphs that live in this repository (subgraphs/lodging): their
 * SDL is printed from their code like the others', but whether they are part of
 * the supergraph is decided by schema/extension-subgraphs.json alone, as for a
 * vendor's system.
 */
export const LOCAL_EXTENSIONS = [{ name: 'lodging', build: buildLodgingSchema }] as const;

export interface Composition {
  /** File name under schema/ → contents; supergraph.graphql last. */
  files: Record<string, string>;
  hints: string[];
  /** The subgraphs composed, in order. */
  subgraphs: string[];
}

export interface ComposeOptions {
  /** The extension configuration (default schema/extension-subgraphs.json). */
  configFile?: string;
  /** Signs the request for the SDL of an extension that is asked while running. */
  contextSecret?: string;
}

/** Composition refused the subgraphs: every error, and the hints that came with them. */
export class CompositionError extends Error {
  constructor(
    readonly errors: string[],
    readonly hints: string[],
  ) {
    super(`composition failed:\n${errors.map((error) => `- ${error}`).join('\n')}`);
  }
}

function parseSdl(name: string, sdl: string): DocumentNode {
  try {
    return parse(sdl);
  } catch (error) {
    throw new CompositionError([`[${name}] its SDL does not parse: ${(error as Error).message}`], []);
  }
}

/** Prints every subgraph's SDL, adds the configured extension subgraphs and composes the supergraph; throws on composition errors. */
export async function composeSupergraph(options: ComposeOptions = {}): Promise<Composition> {
  const files: Record<string, string> = {};
  const services = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = subgraphSdl(await subgraph.build());
    files[`${subgraph.name}.graphql`] = sdl;
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdl) });
  }
  for (const local of LOCAL_EXTENSIONS) files[`${local.name}.graphql`] = subgraphSdl(await local.build());
  const printed = Object.fromEntries(Object.entries(files).map(([name, sdl]) => [join('schema', name), sdl]));
  for (const extension of readExtensionConfig(options.configFile)) {
    const sdl = await extensionSdl(extension, { printed, contextSecret: options.contextSecret });
    // Written beside the supergraph, so the gateway checks the running service against it (readiness).
    files[`${extension.name}.graphql`] = sdl;
    services.push({ name: extension.name, url: extension.url, typeDefs: parseSdl(extension.name, sdl) });
  }
  const result = composeServices(services);
  const hints = (result.hints ?? []).map((hint) => hint.toString());
  if (result.errors)
    throw new CompositionError(
      result.errors.map((error) => error.message),
      hints,
    );
  files['supergraph.graphql'] = `${result.supergraphSdl.trim()}\n`;
  return { files, hints, subgraphs: services.map((service) => service.name) };
}
