import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';

/** Deepest nesting of lists and objects a variable may have; the deepest input of the schema needs 4. */
export const MAX_VARIABLE_DEPTH = 16;

function refused(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** How deeply lists and objects nest in a variable value, counted without recursion. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, level]);
  }
  return deepest;
}

function operationCount(document: DocumentNode): number {
  return document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
}

/**
 * Requests the gateway cannot run, refused in the client's terms (HTTP 400 with
 * a code) before planning: an operation that is not in the document, several
 * operations without `operationName`, an operation type the schema has no root
 * for (subscriptions), and variables nested beyond any input of the schema.
 */
export function requestGuards<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) {
            if (request.operationName) {
              throw refused(
                `文档中没有名为“${request.operationName}”的操作 (the document has no operation named "${request.operationName}")`,
                'OPERATION_RESOLUTION_FAILURE',
              );
            }
            if (operationCount(document) > 1) {
              throw refused(
                '文档含有多个操作，须用 operationName 指明执行哪一个 (the document has several operations; name one with operationName)',
                'OPERATION_RESOLUTION_FAILURE',
              );
            }
            throw refused('文档中没有可执行的操作 (the document has no operation to run)', 'OPERATION_RESOLUTION_FAILURE');
          }
          if (!schema.getRootType(operation.operation)) {
            throw refused(`本服务不支持 ${operation.operation} 操作 (this service has no ${operation.operation} operations)`, 'GRAPHQL_VALIDATION_FAILED');
          }
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            if (nestingDepth(value, MAX_VARIABLE_DEPTH) > MAX_VARIABLE_DEPTH) {
              throw refused(`变量 $${name} 嵌套层数过多 (variable $${name} nests lists or objects more than ${MAX_VARIABLE_DEPTH} deep)`, 'BAD_USER_INPUT');
            }
          }
        },
      };
    },
  };
}
