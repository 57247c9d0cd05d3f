/**
 * Division routing: how one fetch the query planner made for the logical
 * subgraph `division` is split over the division instances, and how their
 * answers are put back together as if one subgraph had answered.
 *
 * Federation cannot shard an entity type by key value, so every division
 * instance serves the same schema and the planner treats them as one subgraph.
 * Two kinds of fetch reach it (the planner never mixes them):
 *
 * - `_entities(representations: $representations)`: each representation names
 *   its division (`division` key field, or `code` for `Division`); the list is
 *   split by division and the answers are put back at their original indexes.
 * - root fields (`division(code:)`, `saveTarget(division:, …)`, `divisions`):
 *   each field names its division in an argument; fields without one are
 *   lists sent to every division (queries only) and concatenated.
 *
 * Everything here is pure: `routeDivisionFetch` plans, the caller sends the
 * parts, `mergeDivisionResponses` assembles. Failures of one division
 * (unreachable, schema mismatch, unknown code) null only that division's share
 * and say so in an error carrying `extensions.division`.
 */
import type { DocumentNode, FieldNode, GraphQLFormattedError, VariableDefinitionNode } from 'graphql';
import {
  divisionRequiredMessage,
  divisionUnavailable,
  isDivisionFailure,
  malformedAnswerMessage,
  unknownDivisionMessage,
  unroutableMessage,
  type DivisionFailure,
  type DivisionFailureCode,
  type DivisionRoutingErrorCode,
} from './division-errors';
import {
  argumentValue,
  isIncluded,
  readFetchDocument,
  subOperationsFor,
  withVariableDefaults,
  type FetchDocument,
  type GraphQLVariables,
} from './fetch-document';

export type { GraphQLVariables } from './fetch-document';

/** A fetch for the `division` subgraph, as the gateway hands it to its data source. */
export interface DivisionFetchRequest {
  readonly query: string;
  readonly variables?: GraphQLVariables;
  readonly operationName?: string;
}

export interface DivisionRoutingOptions {
  /** The configured division codes, in configuration order (the order broadcast lists are concatenated in). */
  readonly divisions: readonly string[];
  /**
   * Variable definitions of the client operation, used for defaults the fetch
   * text does not carry. Optional: the fetch text's own defaults are used first.
   */
  readonly fallbackVariableDefinitions?: readonly VariableDefinitionNode[];
}

/** What one division instance is asked. */
export interface DivisionPartRequest {
  readonly query: string;
  readonly variables: GraphQLVariables;
  readonly operationName?: string;
}

export interface EntitiesPart {
  readonly division: string;
  readonly request: DivisionPartRequest;
  /** Original indexes of the representations sent, in the order sent. */
  readonly indexes: readonly number[];
}

export interface RootFieldsPart {
  readonly division: string;
  readonly request: DivisionPartRequest;
  /** Response keys (aliases) this part answers. */
  readonly responseKeys: readonly string[];
}

export type DivisionPart = EntitiesPart | RootFieldsPart;

/** A representation that could not be routed: its division is missing or not configured. */
export interface RejectedRepresentation {
  readonly index: number;
  readonly division?: string;
}

export interface EntitiesPlan {
  readonly kind: 'entities';
  readonly execution: 'concurrent';
  readonly representationCount: number;
  /** In configuration order. */
  readonly parts: readonly EntitiesPart[];
  readonly rejected: readonly RejectedRepresentation[];
}

/** A root field that is sent nowhere: its division is unknown, or a mutation names none. */
export interface RefusedTarget {
  readonly target: 'refused';
  readonly code: 'UNKNOWN_DIVISION' | 'DIVISION_REQUIRED';
  readonly division?: string;
  readonly message: string;
}

/** Where one response key of a root-field fetch is answered. */
export type RootFieldRoute = { readonly responseKey: string } & (
  { readonly target: 'division'; readonly division: string } | { readonly target: 'every-division' } | RefusedTarget
);

export interface RootFieldsPlan {
  readonly kind: 'root-fields';
  readonly operationType: 'query' | 'mutation';
  /** Query parts run concurrently; mutation parts are consecutive runs executed one after the other. */
  readonly execution: 'concurrent' | 'serial';
  /** One route per response key, in selection order; skipped fields are absent. */
  readonly fields: readonly RootFieldRoute[];
  /** Queries: one part per division in configuration order. Mutations: the runs in order. */
  readonly parts: readonly RootFieldsPart[];
}

/** A fetch the router cannot split (a gateway bug or an unsupported operation). Nothing is sent. */
export interface UnroutablePlan {
  readonly kind: 'unroutable';
  readonly execution: 'concurrent';
  readonly parts: readonly [];
  readonly message: string;
}

export type DivisionFetchPlan = EntitiesPlan | RootFieldsPlan | UnroutablePlan;

/** What a division instance answered. */
export interface DivisionResponse {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLFormattedError[];
  readonly extensions?: Record<string, unknown>;
}

/** Per part, in `plan.parts` order: the instance's answer, or why there is none. */
export type DivisionPartResult = DivisionResponse | DivisionFailure;

export interface MergedDivisionResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------

/**
 * Splits one fetch for the `division` subgraph into the requests the division
 * instances receive. Never throws: a fetch that cannot be read becomes an
 * `unroutable` plan.
 */
export function routeDivisionFetch(request: DivisionFetchRequest, options: DivisionRoutingOptions, document?: DocumentNode): DivisionFetchPlan {
  let fetch: FetchDocument;
  try {
    fetch = readFetchDocument(request.query, request.operationName, document);
  } catch (error) {
    return unroutable(error instanceof Error ? error.message : String(error));
  }
  const operationType = fetch.operation.operation;
  if (operationType === 'subscription') return unroutable('subscriptions are not supported');
  if (fetch.rootFields.some((candidate) => candidate.field.name.value === '_entities')) {
    return fetch.rootFields.length === 1 ? planEntities(request, options) : unroutable('_entities is mixed with other root fields');
  }
  return planRootFields(request, fetch, operationType, options);
}

function unroutable(reason: string): UnroutablePlan {
  return { kind: 'unroutable', execution: 'concurrent', parts: [], message: unroutableMessage(reason) };
}

/**
 * The division a representation belongs to: the `division` key field, or the
 * `code` key of `Division` itself. Representations are NOT de-duplicated (the
 * planner does not either): every index gets its own answer.
 */
export function divisionOfRepresentation(representation: unknown): string | undefined {
  if (typeof representation !== 'object' || representation === null) return undefined;
  const fields = representation as Record<string, unknown>;
  const code = fields.__typename === 'Division' ? fields.code : fields.division;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function planEntities(request: DivisionFetchRequest, options: DivisionRoutingOptions): DivisionFetchPlan {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations)) return unroutable('the _entities fetch carries no representations list');
  const indexesByDivision = new Map<string, number[]>();
  const rejected: RejectedRepresentation[] = [];
  representations.forEach((representation, index) => {
    const division = divisionOfRepresentation(representation);
    if (division === undefined || !options.divisions.includes(division)) {
      rejected.push(division === undefined ? { index } : { index, division });
      return;
    }
    const indexes = indexesByDivision.get(division);
    if (indexes) indexes.push(index);
    else indexesByDivision.set(division, [index]);
  });
  const parts = options.divisions
    .filter((division) => indexesByDivision.has(division))
    .map((division): EntitiesPart => {
      const indexes = indexesByDivision.get(division) as number[];
      return {
        division,
        indexes,
        request: {
          query: request.query,
          operationName: request.operationName,
          variables: { ...request.variables, representations: indexes.map((index) => representations[index]) },
        },
      };
    });
  return { kind: 'entities', execution: 'concurrent', representationCount: representations.length, parts, rejected };
}

/** Where one included root field goes, before grouping. */
type FieldTarget =
  | { readonly target: 'division'; readonly division: string }
  | { readonly target: 'every-division' }
  /** `__typename`: any instance can answer it, so it rides along with another part. */
  | { readonly target: 'any-division' }
  | RefusedTarget;

interface RoutedField {
  readonly index: number;
  readonly responseKey: string;
  readonly target: FieldTarget;
}

function planRootFields(
  request: DivisionFetchRequest,
  fetch: FetchDocument,
  operationType: 'query' | 'mutation',
  options: DivisionRoutingOptions,
): RootFieldsPlan {
  const variables = withVariableDefaults(request.variables, fetch.operation.variableDefinitions, options.fallbackVariableDefinitions);
  const routed: RoutedField[] = [];
  fetch.rootFields.forEach((candidate, index) => {
    if (!isIncluded(candidate, variables)) return;
    routed.push({
      index,
      responseKey: candidate.responseKey,
      target: targetOfRootField(candidate.field, variables, operationType, options.divisions),
    });
  });
  const resolved = resolveRideAlongFields(routed, operationType, options.divisions);
  const groups = operationType === 'mutation' ? consecutiveRuns(resolved) : partsPerDivision(resolved, options.divisions);
  const subOperations = subOperationsFor(
    request.query,
    fetch,
    groups.map((group) => group.fields.map((field) => field.index)),
  );
  const parts = groups.map((group, position): RootFieldsPart => ({
    division: group.division,
    responseKeys: uniqueResponseKeys(group.fields),
    request: {
      query: subOperations[position].query,
      operationName: request.operationName,
      variables: pickVariables(variables, subOperations[position].variableNames),
    },
  }));
  return {
    kind: 'root-fields',
    operationType,
    execution: operationType === 'mutation' ? 'serial' : 'concurrent',
    fields: routesByResponseKey(resolved),
    parts,
  };
}

/**
 * The division named by a root field: its `division` argument, or `code` for
 * the field `division(code:)`. A query field without one is a list every
 * division contributes to; a mutation without one is refused, since changing
 * data in every division at once is never what a caller means.
 */
function targetOfRootField(field: FieldNode, variables: GraphQLVariables, operationType: 'query' | 'mutation', divisions: readonly string[]): FieldTarget {
  const name = field.name.value;
  if (name === '__typename') return { target: 'any-division' };
  const argumentName = hasArgument(field, 'division') ? 'division' : name === 'division' && hasArgument(field, 'code') ? 'code' : undefined;
  if (argumentName === undefined) {
    return operationType === 'mutation'
      ? { target: 'refused', code: 'DIVISION_REQUIRED', message: divisionRequiredMessage(name) }
      : { target: 'every-division' };
  }
  const division = divisionCode(argumentValue(field, argumentName, variables));
  if (division === undefined || !divisions.includes(division)) {
    return { target: 'refused', code: 'UNKNOWN_DIVISION', division, message: unknownDivisionMessage(division) };
  }
  return { target: 'division', division };
}

function hasArgument(field: FieldNode, name: string): boolean {
  return field.arguments?.some((argument) => argument.name.value === name) ?? false;
}

/** `ID` arguments may be written as integers; anything else is no division code. */
function divisionCode(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return undefined;
}

/**
 * `__typename` is answered by whichever instance is asked anyway: in a
 * mutation the run it stands in (or the next one), in a query the first
 * division part. Alone (the gateway's health check `{ __typename }`), a query
 * asks every division — so a health check reaches each instance — and a
 * mutation asks the first configured division.
 */
function resolveRideAlongFields(routed: readonly RoutedField[], operationType: 'query' | 'mutation', divisions: readonly string[]): RoutedField[] {
  const divisionOf = (field: RoutedField | undefined): string | undefined => (field?.target.target === 'division' ? field.target.division : undefined);
  return routed.map((field, position): RoutedField => {
    if (field.target.target !== 'any-division') return field;
    let division: string | undefined;
    if (operationType === 'mutation') {
      const before = routed
        .slice(0, position)
        .reverse()
        .find((other) => divisionOf(other) !== undefined);
      const after = routed.slice(position + 1).find((other) => divisionOf(other) !== undefined);
      division = divisionOf(before) ?? divisionOf(after) ?? divisions[0];
    } else {
      division = divisionOf(routed.find((other) => divisionOf(other) !== undefined));
    }
    if (division !== undefined) return { ...field, target: { target: 'division', division } };
    return { ...field, target: { target: 'every-division' } };
  });
}

interface FieldGroup {
  readonly division: string;
  readonly fields: RoutedField[];
}

/** Queries: one part per division (configuration order), with its own fields and every broadcast field. */
function partsPerDivision(routed: readonly RoutedField[], divisions: readonly string[]): FieldGroup[] {
  return divisions
    .map((division) => ({
      division,
      fields: routed.filter((field) => field.target.target === 'every-division' || (field.target.target === 'division' && field.target.division === division)),
    }))
    .filter((group) => group.fields.length > 0);
}

/**
 * Mutations: consecutive runs of fields for the same division, in selection
 * order. Running them one after another keeps GraphQL's serial mutation
 * semantics across instances. Refused fields change nothing anywhere, so they
 * do not break a run.
 */
function consecutiveRuns(routed: readonly RoutedField[]): FieldGroup[] {
  const runs: FieldGroup[] = [];
  for (const field of routed) {
    if (field.target.target !== 'division') continue;
    const current = runs[runs.length - 1];
    if (current && current.division === field.target.division) current.fields.push(field);
    else runs.push({ division: field.target.division, fields: [field] });
  }
  return runs;
}

function uniqueResponseKeys(fields: readonly RoutedField[]): string[] {
  return [...new Set(fields.map((field) => field.responseKey))];
}

/** GraphQL merges fields with the same response key; the first occurrence decides the route. */
function routesByResponseKey(routed: readonly RoutedField[]): RootFieldRoute[] {
  const routes = new Map<string, RootFieldRoute>();
  for (const { responseKey, target } of routed) {
    if (routes.has(responseKey)) continue;
    if (target.target === 'division') routes.set(responseKey, { responseKey, target: 'division', division: target.division });
    else if (target.target === 'refused') routes.set(responseKey, { responseKey, ...target });
    else routes.set(responseKey, { responseKey, target: 'every-division' });
  }
  return [...routes.values()];
}

function pickVariables(variables: GraphQLVariables, names: readonly string[]): GraphQLVariables {
  const picked: GraphQLVariables = {};
  for (const name of names) {
    if (variables[name] !== undefined) picked[name] = variables[name];
  }
  return picked;
}

// ---------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------

/**
 * Assembles the answers of a plan's parts into the one response the gateway
 * expects from the `division` subgraph. `results[i]` answers `plan.parts[i]`.
 */
export function mergeDivisionResponses(plan: DivisionFetchPlan, results: readonly DivisionPartResult[]): MergedDivisionResponse {
  switch (plan.kind) {
    case 'entities':
      return mergeEntities(plan, results);
    case 'root-fields':
      return mergeRootFields(plan, results);
    case 'unroutable':
      return { errors: [routingError(plan.message, 'DIVISION_ROUTING_FAILED')] };
  }
}

function routingError(message: string, code: DivisionRoutingErrorCode, division?: string, path?: readonly (string | number)[]): GraphQLFormattedError {
  const extensions = division === undefined ? { code } : { code, division };
  return path ? { message, path, extensions } : { message, extensions };
}

function failureError(failure: DivisionFailure, path: readonly (string | number)[]): GraphQLFormattedError {
  return routingError(failure.failed.message, failure.failed.code, failure.failed.division, path);
}

/** Errors of an instance name their division, so a coordinator sees where they happened. */
function withDivision(error: GraphQLFormattedError, division: string, path = error.path): GraphQLFormattedError {
  const { path: _path, ...rest } = error;
  const annotated: GraphQLFormattedError = {
    ...rest,
    extensions: { ...error.extensions, division: error.extensions?.division ?? division },
  };
  return path === undefined ? annotated : { ...annotated, path };
}

/**
 * `_entities` must come back with exactly as many entries as representations
 * were sent, in their order, or the gateway drops the whole fetch. Error paths
 * `["_entities", i, …]` count within a part and are moved to the original index.
 */
function mergeEntities(plan: EntitiesPlan, results: readonly DivisionPartResult[]): MergedDivisionResponse {
  const entities: unknown[] = new Array(plan.representationCount).fill(null);
  const errors: GraphQLFormattedError[] = plan.rejected.map(({ index, division }) =>
    routingError(unknownDivisionMessage(division), 'UNKNOWN_DIVISION', division, ['_entities', index]),
  );
  plan.parts.forEach((part, position) => {
    const result = results[position];
    if (result === undefined || isDivisionFailure(result)) {
      const failure = result ?? missingResult(part.division);
      for (const index of part.indexes) errors.push(failureError(failure, ['_entities', index]));
      return;
    }
    const received = result.data ? result.data._entities : null;
    if (result.data && !(Array.isArray(received) && received.length === part.indexes.length)) {
      for (const index of part.indexes) {
        errors.push(routingError(malformedAnswerMessage(part.division), 'DIVISION_UNAVAILABLE', part.division, ['_entities', index]));
      }
    } else if (Array.isArray(received)) {
      part.indexes.forEach((original, i) => {
        entities[original] = received[i] ?? null;
      });
    }
    for (const error of result.errors ?? []) errors.push(reindexEntityError(error, part));
  });
  return withSinglePartExtensions(plan, results, { data: { _entities: entities }, ...(errors.length ? { errors } : {}) });
}

function reindexEntityError(error: GraphQLFormattedError, part: EntitiesPart): GraphQLFormattedError {
  const path = error.path;
  if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return withDivision(error, part.division);
  const original = part.indexes[path[1]];
  // An index the part never sent cannot be placed; keeping it would point at another entity.
  if (original === undefined) return withDivision(error, part.division, ['_entities']);
  return withDivision(error, part.division, ['_entities', original, ...path.slice(2)]);
}

/**
 * Root fields are assembled per response key in selection order. A broadcast
 * field's lists are concatenated in configuration order; a broadcast field
 * that is not a list (`__typename`, `_service`) takes the first answer.
 */
function mergeRootFields(plan: RootFieldsPlan, results: readonly DivisionPartResult[]): MergedDivisionResponse {
  const data: Record<string, unknown> = {};
  const errors: GraphQLFormattedError[] = [];
  const partsByKey = new Map<string, number[]>();
  plan.parts.forEach((part, position) => {
    for (const key of part.responseKeys) {
      const positions = partsByKey.get(key);
      if (positions) positions.push(position);
      else partsByKey.set(key, [position]);
    }
  });
  const resultAt = (position: number): DivisionPartResult => results[position] ?? missingResult(plan.parts[position].division);

  for (const route of plan.fields) {
    const key = route.responseKey;
    if (route.target === 'refused') {
      data[key] = null;
      errors.push(routingError(route.message, route.code, route.division, [key]));
      continue;
    }
    const answers: unknown[] = [];
    for (const position of partsByKey.get(key) ?? []) {
      const result = resultAt(position);
      if (isDivisionFailure(result)) errors.push(failureError(result, [key]));
      else answers.push(result.data ? result.data[key] : undefined);
    }
    data[key] = route.target === 'division' ? (answers[0] ?? null) : combineBroadcastAnswers(answers);
  }
  plan.parts.forEach((part, position) => {
    const result = resultAt(position);
    if (!isDivisionFailure(result)) for (const error of result.errors ?? []) errors.push(withDivision(error, part.division));
  });
  return withSinglePartExtensions(plan, results, { data, ...(errors.length ? { errors } : {}) });
}

function combineBroadcastAnswers(answers: readonly unknown[]): unknown {
  const present = answers.filter((answer) => answer !== null && answer !== undefined);
  if (present.length === 0) return null;
  if (present.every(Array.isArray)) return (present as unknown[][]).flat(1);
  return present[0];
}

/** A result the caller did not supply is treated as an unreachable instance, never as data. */
function missingResult(division: string): DivisionFailure {
  return divisionUnavailable(division);
}

/**
 * Response extensions (e.g. federated traces) describe one subgraph call and
 * cannot be combined; they are passed on only when a single instance answered.
 */
function withSinglePartExtensions(plan: DivisionFetchPlan, results: readonly DivisionPartResult[], merged: MergedDivisionResponse): MergedDivisionResponse {
  const only = plan.parts.length === 1 ? results[0] : undefined;
  if (only && !isDivisionFailure(only) && only.extensions) return { ...merged, extensions: only.extensions };
  return merged;
}

export type { DivisionFailure, DivisionFailureCode, DivisionRoutingErrorCode };
