import { ApolloArmor } from '@escape.tech/graphql-armor';
import { CLIENT_BODY_LIMIT_BYTES } from '../../common/request-limits';

/**
 * Query limits (DESIGN §5). The largest legitimate operations — a coordinator's
 * task with its assignments, teams and results — stay well inside them.
 */
export const LIMITS = {
  maxDepth: 12,
  maxCost: 60000,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 20,
  maxBodyBytes: CLIENT_BODY_LIMIT_BYTES,
} as const;

/** Options for graphql-js's parser: it stops counting tokens at the limit instead of building a huge document. */
export const PARSE_OPTIONS = { maxTokens: LIMITS.maxTokens } as const;

export function queryLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true, errorMessage: '查询嵌套层数过多 (query is too deep)' },
    costLimit: { maxCost: LIMITS.maxCost, ignoreIntrospection: true, exposeLimits: true, errorMessage: '查询过于复杂 (query is too expensive)' },
    maxAliases: { n: LIMITS.maxAliases, exposeLimits: true, errorMessage: '别名过多 (too many aliases)' },
    // Counted by the parser itself (`parseOptions` below), so a long document is a parse failure (HTTP 400).
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives, exposeLimits: true, errorMessage: '指令过多 (too many directives)' },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
