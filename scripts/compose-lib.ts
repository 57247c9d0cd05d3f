import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdl } from '../common/federation';
import { buildDivisionSchema } from '../subgraphs/division/src/schema';
import { buildJointSchema } from '../subgraphs/joint/src/schema';

/**
 * The subgraphs of the supergraph. The division subgraph's URL is a placeholder:
 * the gateway sends its fetches to each division's own instance (DIVISIONS).
 */
export const SUBGRAPHS = [
  { name: 'division', url: 'http://division.routed-by-gateway/graphql', build: buildDivisionSchema },
  { name: 'joint', url: 'http://127.0.0.1:4100/graphql', build: buildJointSchema },
] as const;

export interface Composition {
  /** File name under schema/ → contents. */
  files: Record<string, string>;
  hints: string[];
}

/** Prints every subgraph's SDL and composes the supergraph; throws on composition errors. */
export async function composeSupergraph(): Promise<Composition> {
  const files: Record<string, string> = {};
  const services = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = subgraphSdl(await subgraph.build());
    files[`${subgraph.name}.graphql`] = sdl;
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  files['supergraph.graphql'] = `${result.supergraphSdl.trim()}\n`;
  return { files, hints: result.hints.map((hint) => hint.toString()) };
}
