/**
 * The GraphQL document work behind division routing: reading a subgraph fetch,
 * listing its root fields, evaluating `@skip`/`@include`, and printing the
 * sub-operation one division receives. Everything here is pure and cached by
 * the fetch text, because the gateway hands us the same planner-generated
 * texts again and again, usually without a parsed document.
 */
import {
  Kind,
  parse,
  print,
  stripIgnoredCharacters,
  valueFromASTUntyped,
  visit,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { LruCache } from './lru-cache';

export type GraphQLVariables = Record<string, unknown>;

/**
 * One root field of a fetch, as the instance will receive it.
 *
 * Root fragments (`...on Query { … }`, `...F`) are flattened away so that a
 * field can be sent to a division on its own; the `@skip`/`@include`
 * conditions of the field and of the fragments around it are kept aside in
 * `conditions` and stripped from `field`, because they are evaluated here and
 * the instance must not need their variables.
 */
export interface RootFieldCandidate {
  readonly field: FieldNode;
  readonly responseKey: string;
  readonly conditions: readonly DirectiveNode[];
}

export interface FetchDocument {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly rootFields: readonly RootFieldCandidate[];
}

/** The text and variables of the operation one division receives. */
export interface SubOperation {
  readonly query: string;
  readonly variableNames: readonly string[];
}

const CACHE_SIZE = 1000;
const fetchDocuments = new LruCache<string, FetchDocument>(CACHE_SIZE);
const subOperations = new LruCache<string, readonly SubOperation[]>(CACHE_SIZE);

/**
 * Reads a fetch once per distinct text. `document` is only available when the
 * gateway runs with `queryPlannerConfig.exposeDocumentNodeInFetchNode`; it
 * spares the parse on a cache miss. Throws on a text that is not a single
 * executable operation (a gateway bug, reported by the caller).
 */
export function readFetchDocument(query: string, operationName?: string, document?: DocumentNode): FetchDocument {
  return fetchDocuments.getOrCompute(`${operationName ?? ''}\u0000${query}`, () => analyseDocument(document ?? parse(query), operationName));
}

function analyseDocument(document: DocumentNode, operationName: string | undefined): FetchDocument {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((candidate) => operationName !== undefined && candidate.name?.value === operationName) ?? operations[0];
  if (!operation) throw new Error('the fetch contains no operation');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootFields: RootFieldCandidate[] = [];
  collectRootFields(operation.selectionSet, [], fragments, new Set(), rootFields);
  return { document, operation, fragments, rootFields };
}

function collectRootFields(
  selectionSet: SelectionSetNode,
  outerConditions: readonly DirectiveNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  spreadsInProgress: Set<string>,
  into: RootFieldCandidate[],
): void {
  for (const selection of selectionSet.selections) {
    const conditions = [...outerConditions, ...conditionDirectives(selection.directives)];
    if (selection.kind === Kind.FIELD) {
      into.push({
        field: withoutConditionDirectives(selection),
        responseKey: selection.alias?.value ?? selection.name.value,
        conditions,
      });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(selection.selectionSet, conditions, fragments, spreadsInProgress, into);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`the fetch spreads an undefined fragment ${name}`);
      if (spreadsInProgress.has(name)) throw new Error(`fragment ${name} spreads itself`);
      spreadsInProgress.add(name);
      collectRootFields(fragment.selectionSet, conditions, fragments, spreadsInProgress, into);
      spreadsInProgress.delete(name);
    }
  }
}

function isConditionDirective(directive: DirectiveNode): boolean {
  return directive.name.value === 'skip' || directive.name.value === 'include';
}

function conditionDirectives(directives: readonly DirectiveNode[] | undefined): DirectiveNode[] {
  return directives ? directives.filter(isConditionDirective) : [];
}

function withoutConditionDirectives(field: FieldNode): FieldNode {
  if (!field.directives?.some(isConditionDirective)) return field;
  return { ...field, directives: field.directives.filter((directive) => !isConditionDirective(directive)) };
}

/**
 * The variables as the operation sees them. The gateway forwards only the
 * values the client actually sent, so a variable the client left to its
 * default is absent; reading a division code or a `@skip` condition from it
 * needs the default. The fetch's own definitions come first; `fallbacks` are
 * further definitions (e.g. the client operation's) for a fetch text whose
 * defaults were not kept.
 */
export function withVariableDefaults(
  variables: GraphQLVariables | undefined,
  definitions: readonly VariableDefinitionNode[] | undefined,
  fallbacks: readonly VariableDefinitionNode[] | undefined = undefined,
): GraphQLVariables {
  const effective: GraphQLVariables = { ...variables };
  for (const definition of [...(definitions ?? []), ...(fallbacks ?? [])]) {
    const name = definition.variable.name.value;
    if (effective[name] === undefined && definition.defaultValue) {
      effective[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return effective;
}

/** `@skip(if:)` / `@include(if:)`, with literal or variable conditions. */
export function isIncluded(candidate: RootFieldCandidate, variables: GraphQLVariables): boolean {
  return candidate.conditions.every((directive) => {
    const argument = directive.arguments?.find((arg) => arg.name.value === 'if');
    const condition = argument ? valueFromASTUntyped(argument.value, variables) === true : false;
    return directive.name.value === 'skip' ? !condition : condition;
  });
}

/** The value of one argument of a field, literal or variable; `undefined` when absent. */
export function argumentValue(field: FieldNode, name: string, variables: GraphQLVariables): unknown {
  const argument = field.arguments?.find((arg) => arg.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables) : undefined;
}

/**
 * The operations the divisions receive, one per group of root field indexes
 * (indexes into `fetch.rootFields`). Each keeps the operation's type, name and
 * aliases, declares only the variables its fields use, and carries every named
 * fragment they spread. Printing dominates the router's CPU time, so the
 * result is cached per fetch text and grouping.
 */
export function subOperationsFor(query: string, fetch: FetchDocument, groups: readonly (readonly number[])[]): readonly SubOperation[] {
  const key = `${fetch.operation.name?.value ?? ''}\u0000${query}\u0000${groups.map((group) => group.join(',')).join('|')}`;
  return subOperations.getOrCompute(key, () => groups.map((group) => printSubOperation(fetch, group)));
}

function printSubOperation(fetch: FetchDocument, fieldIndexes: readonly number[]): SubOperation {
  const fields = fieldIndexes.map((index) => fetch.rootFields[index].field);
  const fragments = fragmentsSpreadBy(fields, fetch);
  const variableNames = variablesUsedBy([...fields, ...fragments]);
  const operation: OperationDefinitionNode = {
    ...fetch.operation,
    variableDefinitions: fetch.operation.variableDefinitions?.filter((definition) => variableNames.has(definition.variable.name.value)),
    selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
  };
  return {
    // Compact like the planner's own fetch texts: the instances parse fewer bytes.
    query: stripIgnoredCharacters(print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] })),
    variableNames: [...variableNames],
  };
}

/** Every fragment the nodes spread, directly or through other fragments, in document order. */
function fragmentsSpreadBy(nodes: readonly ASTNode[], fetch: FetchDocument): FragmentDefinitionNode[] {
  const used = new Set<string>();
  const pending = [...nodes];
  while (pending.length > 0) {
    visit(pending.pop() as ASTNode, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fetch.fragments.get(name);
        if (fragment && !used.has(name)) {
          used.add(name);
          pending.push(fragment);
        }
      },
    });
  }
  return [...fetch.fragments.values()].filter((fragment) => used.has(fragment.name.value));
}

function variablesUsedBy(nodes: readonly ASTNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}
