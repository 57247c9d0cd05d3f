import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { executeSync, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { guardArguments, type TextFields } from './argument-guard';
import { CACHE_CONTROL_DEFINITIONS } from './cache-hints';

const FEDERATION_IMPORTS = ['@key', '@shareable', '@inaccessible', '@external', '@cost', '@listSize'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- @apollo/subgraph's own resolver signature
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

/**
 * A Federation 2 subgraph schema from type-graphql classes. type-graphql prints
 * the `@key`, `@inaccessible` and demand-control (`@cost`, `@listSize`, see
 * `common/demand-control.ts`) directives it was given, the federation link
 * is prepended, and the reference resolvers join the generated resolver map.
 * Every argument of every field then passes the one text rule
 * (`guardArguments`); `textFields` names the multi-line ones. Cache hints
 * (`@cacheControl`, see `common/cache-hints.ts`) are Apollo Server's own
 * directive: not composed, read by each subgraph's cache-control plugin.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers,
  textFields: TextFields,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: [${FEDERATION_IMPORTS.map((d) => JSON.stringify(d)).join(', ')}])`;
  const printed = printSchemaWithDirectives(schema);
  // Only a subgraph that gives cache hints declares the directive, so the others' SDL stays as it was.
  const cacheControl = printed.includes('@cacheControl(') ? `${CACHE_CONTROL_DEFINITIONS}\n` : '';
  const typeDefs = parse(`${link}\n${cacheControl}${printed}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as never;
  }
  return guardArguments(buildSubgraphSchema({ typeDefs, resolvers }), textFields);
}

/**
 * The SDL a subgraph announces in `_service { sdl }`, exactly as the running
 * service answers it; `npm run compose` commits it under schema/ and the
 * gateway compares each instance's answer with that file.
 */
export function subgraphSdl(schema: GraphQLSchema): string {
  const result = executeSync({ schema, document: parse('{ _service { sdl } }') });
  const sdl = (result.data as { _service?: { sdl?: string } } | null)?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`the subgraph does not announce its SDL: ${JSON.stringify(result.errors)}`);
  return `${sdl.trim()}\n`;
}
