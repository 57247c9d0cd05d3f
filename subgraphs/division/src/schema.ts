import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../../../common/auth';
import { buildFederatedSchema } from '../../../common/federation';
import { DivisionResolver } from './division/division.resolver';
import { InspectorResolver } from './inspectors/inspector.resolver';
import { DivisionMutationResolver } from './mutation.resolver';
import { PoolResolver } from './pool/pool.resolver';
import { divisionReferences } from './references';

/** Text that may span lines (every other text argument is single-line; see `common/argument-guard.ts`). */
export const DIVISION_MULTILINE_TEXT = ['CheckItemInput.basis', 'CheckItemInput.content', 'TargetInput.scope'];

/** The division subgraph's schema; the same for every division instance. */
export function buildDivisionSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [DivisionResolver, InspectorResolver, DivisionMutationResolver, PoolResolver],
      authChecker,
      validate: false,
    },
    divisionReferences,
    { multiline: DIVISION_MULTILINE_TEXT },
  );
}
