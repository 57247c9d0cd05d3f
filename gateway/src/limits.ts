import { ApolloArmor } from '@escape.tech/graphql-armor';

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
  maxBodyBytes: 1024 * 1024,
} as const;

export function queryLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true, errorMessage: '查询嵌套层数过多 (query is too deep)' },
    costLimit: { maxCost: LIMITS.maxCost, ignoreIntrospection: true, exposeLimits: true, errorMessage: '查询过于复杂 (query is too expensive)' },
    maxAliases: { n: LIMITS.maxAliases, exposeLimits: true, errorMessage: '别名过多 (too many aliases)' },
    maxTokens: { n: LIMITS.maxTokens, exposeLimits: true, errorMessage: '查询过长 (query has too many tokens)' },
    maxDirectives: { n: LIMITS.maxDirectives, exposeLimits: true, errorMessage: '指令过多 (too many directives)' },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
