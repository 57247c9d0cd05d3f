import { ApolloArmor } from '@escape.tech/graphql-armor';
import { CLIENT_BODY_LIMIT_BYTES } from '../../common/request-limits';

/**
 * Query limits (DESIGN §5). The largest legitimate operations — a coordinator's
 * task with its assignments, teams and results — stay well inside them.
 *
 * The cost is estimated from the field costs the subgraphs declare
 * (`gateway/src/cost.ts`): a page of 500 assignments with their targets, items,
 * teams and results costs about 12,000, a draw record 8,000. Answers are
 * capped in bytes too, each subgraph's and the whole one, since a cost is an
 * estimate and a record's size depends on its pool.
 */
export const LIMITS = {
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 20,
  maxBodyBytes: CLIENT_BODY_LIMIT_BYTES,
  /** A subgraph's answer to one fetch: a draw record of a pool of 200,000 entities fits. */
  maxSubgraphAnswerBytes: 16 * 1024 * 1024,
  /** The answer the client gets. */
  maxAnswerBytes: 16 * 1024 * 1024,
} as const;

/** Options for graphql-js's parser: it stops counting tokens at the limit instead of building a huge document. */
export const PARSE_OPTIONS = { maxTokens: LIMITS.maxTokens } as const;

export function queryLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true, errorMessage: '查询嵌套层数过多 (query is too deep)' },
    // The cost limit is our own (`costLimit` in cost.ts): it knows what each field costs.
    costLimit: { enabled: false },
    maxAliases: { n: LIMITS.maxAliases, exposeLimits: true, errorMessage: '别名过多 (too many aliases)' },
    // Counted by the parser itself (`parseOptions` below), so a long document is a parse failure (HTTP 400).
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives, exposeLimits: true, errorMessage: '指令过多 (too many directives)' },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
