/**
 * One request per division instance for the fetches of one plan step.
 *
 * The query planner asks the logical `division` subgraph once per path: a
 * coordinator's list makes three fetches (the assignments' targets, items and
 * inspectors) that run in parallel, and division routing splits each over the
 * instances, so three divisions received nine requests. Each request costs an
 * HTTP exchange, a GraphQL parse, validation and a context check on both
 * sides, more than the entity lookups themselves. The parts one instance
 * receives in the same turn of the event loop are therefore sent as one
 * operation: every part keeps its own selection under its own prefix
 * (`b0_`, `b1_` … on root fields, variables and fragments), and the answer is
 * split back so that each part sees exactly the answer it would have had alone.
 *
 * Pure: `mergeFetches` builds the batched request, `splitBatchedResponse`
 * takes its answer apart. Only queries whose root selections are fields are
 * merged; anything else is sent on its own (`mergeableQuery`).
 */
import {
  Kind,
  parse,
  print,
  stripIgnoredCharacters,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import type { DivisionPartRequest, DivisionResponse } from './division-routing';
import type { GraphQLVariables } from './fetch-document';
import { LruCache } from './lru-cache';

const CACHE_SIZE = 500;
const readable = new LruCache<string, OperationDefinitionNode | null>(CACHE_SIZE);
const merged = new LruCache<string, string>(CACHE_SIZE);

/** The prefix of part `index` in a batched operation. */
export function batchPrefix(index: number): string {
  return `b${index}_`;
}

/**
 * The part's operation when it can share a request: a single query operation
 * (fragments allowed) whose root selections are all fields. Cached by text.
 */
export function mergeableQuery(request: DivisionPartRequest): OperationDefinitionNode | undefined {
  const key = `${request.operationName ?? ''}\u0000${request.query}`;
  return readable.getOrCompute(key, () => readOperation(request)) ?? undefined;
}

function readOperation(request: DivisionPartRequest): OperationDefinitionNode | null {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return null;
  const [operation] = operations;
  if (operation.operation !== 'query' || (operation.directives?.length ?? 0) > 0) return null;
  if (!operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD)) return null;
  return operation;
}

/**
 * One operation answering every part: root fields aliased with the part's
 * prefix, variables and fragments renamed with it. The parts must all pass
 * `mergeableQuery`.
 */
export function mergeFetches(parts: readonly DivisionPartRequest[]): DivisionPartRequest {
  const variables: GraphQLVariables = {};
  parts.forEach((part, index) => {
    for (const [name, value] of Object.entries(part.variables)) variables[batchPrefix(index) + name] = value;
  });
  const key = parts.map((part) => `${part.operationName ?? ''}\u0000${part.query}`).join('\u0001');
  const query = merged.getOrCompute(key, () => stripIgnoredCharacters(print(mergedDocument(parts))));
  return { query, variables, operationName: parts[0].operationName };
}

function mergedDocument(parts: readonly DivisionPartRequest[]): DocumentNode {
  const variableDefinitions: NonNullable<OperationDefinitionNode['variableDefinitions']>[number][] = [];
  const selections: SelectionNode[] = [];
  const fragments: DefinitionNode[] = [];
  parts.forEach((part, index) => {
    const prefix = batchPrefix(index);
    const document = renamed(parse(part.query), prefix);
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        variableDefinitions.push(...(definition.variableDefinitions ?? []));
        for (const selection of definition.selectionSet.selections) selections.push(aliased(selection as FieldNode, prefix));
      } else {
        fragments.push(definition);
      }
    }
  });
  const name = parts[0].operationName;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    ...(name ? { name: { kind: Kind.NAME, value: name } } : {}),
    variableDefinitions,
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  return { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
}

/** Variables and fragment names take the prefix, so parts cannot collide. */
function renamed(document: DocumentNode, prefix: string): DocumentNode {
  const rename = <T extends { name: { value: string } }>(node: T): T => ({ ...node, name: { ...node.name, value: prefix + node.name.value } });
  return visit(document, {
    Variable: rename,
    FragmentDefinition: rename,
    FragmentSpread: rename,
  });
}

function aliased(field: FieldNode, prefix: string): FieldNode {
  const responseKey = field.alias?.value ?? field.name.value;
  return { ...field, alias: { kind: Kind.NAME, value: prefix + responseKey } };
}

/**
 * Each part's share of the batched answer, in part order: its prefixed keys
 * without the prefix, and the errors whose path starts under its prefix. An
 * error without such a path (the whole operation failed) goes to every part
 * when there is no data at all, and to the first part otherwise, so that it is
 * neither lost nor repeated. Extensions go to the first part.
 */
export function splitBatchedResponse(response: DivisionResponse, count: number): DivisionResponse[] {
  const shares = Array.from({ length: count }, () => ({ data: {} as Record<string, unknown>, errors: [] as GraphQLFormattedError[] }));
  const noData = response.data === null || response.data === undefined;
  if (!noData) {
    for (const [key, value] of Object.entries(response.data as Record<string, unknown>)) {
      const owner = ownerOf(key, count);
      if (owner !== undefined) shares[owner].data[key.slice(batchPrefix(owner).length)] = value;
    }
  }
  for (const error of response.errors ?? []) {
    const head = error.path?.[0];
    const owner = typeof head === 'string' ? ownerOf(head, count) : undefined;
    if (owner !== undefined) {
      shares[owner].errors.push({ ...error, path: [head!.toString().slice(batchPrefix(owner).length), ...error.path!.slice(1)] });
    } else if (noData) {
      for (const share of shares) share.errors.push(error);
    } else {
      shares[0].errors.push(error);
    }
  }
  return shares.map((share, index) => ({
    data: noData ? (response.data as null | undefined) : share.data,
    ...(share.errors.length ? { errors: share.errors } : {}),
    ...(index === 0 && response.extensions ? { extensions: response.extensions } : {}),
  }));
}

function ownerOf(key: string, count: number): number | undefined {
  const match = /^b(\d+)_/.exec(key);
  if (!match) return undefined;
  const index = Number(match[1]);
  return index < count ? index : undefined;
}
