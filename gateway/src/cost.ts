import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What one field costs, as the subgraphs declare it with Federation 2.9's
 * demand-control directives (`common/demand-control.ts`) and composition
 * carries into the supergraph.
 */
export interface FieldCost {
  weight?: number;
  listSize?: { assumedSize?: number; slicingArguments?: string[]; sizedFields?: string[] };
}

/** `Type.field` → its declared cost. */
export type FieldCosts = ReadonlyMap<string, FieldCost>;

/** The cost model, after Apollo's demand control: objects 1, scalars and enums 0, mutation fields 10 more, lists times their size. */
const OBJECT_WEIGHT = 1;
const MUTATION_WEIGHT = 10;
/** Elements assumed in a list that declares no size. */
export const DEFAULT_LIST_SIZE = 10;

function argumentValue(value: ValueNode): unknown {
  return valueFromASTUntyped(value);
}

/** Reads `@cost(weight:)` and `@listSize(...)` from every field of a supergraph. */
/** The costs of the supergraph in use, read once per supergraph text (the gateway may replace it while running). */
const costsBySupergraph = new Map<string, FieldCosts>();

export function fieldCostsOf(supergraphSdl: string): FieldCosts {
  const known = costsBySupergraph.get(supergraphSdl);
  if (known) return known;
  const costs = new Map<string, FieldCost>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      const entry: FieldCost = {};
      for (const directive of field.directives ?? []) {
        const args = Object.fromEntries((directive.arguments ?? []).map((argument) => [argument.name.value, argumentValue(argument.value)]));
        if (directive.name.value === 'cost' && typeof args.weight === 'number') entry.weight = args.weight;
        if (directive.name.value === 'listSize') {
          entry.listSize = {
            assumedSize: typeof args.assumedSize === 'number' ? args.assumedSize : undefined,
            slicingArguments: Array.isArray(args.slicingArguments) ? (args.slicingArguments as string[]) : undefined,
            sizedFields: Array.isArray(args.sizedFields) ? (args.sizedFields as string[]) : undefined,
          };
        }
      }
      if (entry.weight !== undefined || entry.listSize) costs.set(`${definition.name.value}.${field.name.value}`, entry);
    }
  }
  costsBySupergraph.clear();
  costsBySupergraph.set(supergraphSdl, costs);
  return costs;
}

interface Evaluation {
  schema: GraphQLSchema;
  costs: FieldCosts;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragment costs by name and the sizes passed into them; spreads are costed once however often they appear. */
  memo: Map<string, number>;
  visiting: Set<string>;
}

function slicedSize(field: FieldNode, slicing: readonly string[], evaluation: Evaluation): number | undefined {
  let size: number | undefined;
  for (const argument of field.arguments ?? []) {
    if (!slicing.includes(argument.name.value)) continue;
    const value = argument.value.kind === Kind.VARIABLE ? evaluation.variables[argument.value.name.value] : argumentValue(argument.value);
    // A value that is no Int is refused when the variables are coerced; here it counts as not given.
    if (Number.isInteger(value) && (value as number) < 2 ** 31 && (value as number) >= -(2 ** 31)) size = Math.max(size ?? 0, Math.max(0, value as number));
  }
  return size;
}

/** The cost of a selection set on `type`; `sizes` gives the list sizes a connection passes to its sized fields (`edges`). */
function selectionCost(selectionSet: SelectionSetNode, type: GraphQLCompositeType, sizes: ReadonlyMap<string, number>, evaluation: Evaluation): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(selection, type, sizes, evaluation);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? evaluation.schema.getType(selection.typeCondition.name.value) : type;
      if (condition && isCompositeType(condition)) total += selectionCost(selection.selectionSet, condition, sizes, evaluation);
    } else {
      const name = selection.name.value;
      const key = `${name}|${[...sizes].join(',')}`;
      const known = evaluation.memo.get(key);
      if (known !== undefined) {
        total += known;
        continue;
      }
      const fragment = evaluation.fragments.get(name);
      // A fragment spreading itself is refused by validation; here it only must not loop.
      if (!fragment || evaluation.visiting.has(name)) continue;
      const condition = evaluation.schema.getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition)) continue;
      evaluation.visiting.add(name);
      const cost = selectionCost(fragment.selectionSet, condition, sizes, evaluation);
      evaluation.visiting.delete(name);
      evaluation.memo.set(key, cost);
      total += cost;
    }
  }
  return total;
}

function fieldCost(field: FieldNode, parent: GraphQLCompositeType, sizes: ReadonlyMap<string, number>, evaluation: Evaluation): number {
  const name = field.name.value;
  // Introspection (development only) and __typename cost nothing.
  if (name.startsWith('__') || !isObjectType(parent)) return 0;
  const definition = parent.getFields()[name];
  if (!definition) return 0;
  const declared = evaluation.costs.get(`${parent.name}.${name}`);
  const named = getNamedType(definition.type);
  let weight = declared?.weight ?? (isCompositeType(named) ? OBJECT_WEIGHT : 0);
  if (parent === evaluation.schema.getMutationType()) weight += MUTATION_WEIGHT;

  const listSize = declared?.listSize;
  const sliced = listSize?.slicingArguments ? slicedSize(field, listSize.slicingArguments, evaluation) : undefined;
  const size = sliced ?? listSize?.assumedSize ?? DEFAULT_LIST_SIZE;
  // A connection: the size belongs to its sized fields, not to the connection itself.
  const childSizes = listSize?.sizedFields ? new Map(listSize.sizedFields.map((sized) => [sized, size])) : new Map<string, number>();
  let children = field.selectionSet && isCompositeType(named) ? selectionCost(field.selectionSet, named, childSizes, evaluation) : 0;
  // A page's rows are read whether or not its edges are asked for (a count alone still reads the page).
  if (listSize?.sizedFields) children = Math.max(children, size);
  if (isListType(getNullableType(definition.type))) {
    return (sizes.get(name) ?? size) * (weight + children);
  }
  return weight + children;
}

/** The estimated cost of running `operation` with `variables` (defaults filled in). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  costs: FieldCosts,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const filled: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    filled[name] = name in variables ? variables[name] : definition.defaultValue ? argumentValue(definition.defaultValue) : undefined;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return selectionCost(operation.selectionSet, root, new Map(), { schema, costs, fragments, variables: filled, memo: new Map(), visiting: new Set() });
}

/**
 * Refuses, before any subgraph is asked, an operation whose estimated cost is
 * above `maxCost`: HTTP 400 with `QUERY_TOO_EXPENSIVE`, the cost and the limit.
 * Runs once the operation is resolved, so page sizes given as variables count.
 */
export function costLimit<TContext extends object>(options: { costs: () => FieldCosts; maxCost: number }): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const cost = Math.ceil(operationCost(schema, document, operation, request.variables ?? {}, options.costs()));
          if (cost > options.maxCost) {
            throw new GraphQLError(
              `查询过于复杂：估算成本 ${cost}，上限 ${options.maxCost}；请减少别名、分页条数或抽取记录等大字段 (the operation's estimated cost ${cost} is above the limit ${options.maxCost}; ask for fewer aliases, smaller pages or fewer draw records)`,
              { extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, maxCost: options.maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
