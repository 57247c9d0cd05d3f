import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../../../common/auth';
import { recordRefusals } from '../../../common/audit/refusal-audit';
import { buildFederatedSchema } from '../../../common/federation';
import { DIVISION_REFUSAL_SUBJECTS } from './audit-refusals';
import type { DivisionContext } from './context';
import { DivisionResolver } from './division/division.resolver';
import { InspectorResolver } from './inspectors/inspector.resolver';
import { DivisionMutationResolver } from './mutation.resolver';
import { PoolResolver } from './pool/pool.resolver';
import { divisionReferences } from './references';

/** Text that may span lines (every other text argument is single-line; see `common/argument-guard.ts`). */
export const DIVISION_MULTILINE_TEXT = ['CheckItemInput.basis', 'CheckItemInput.content', 'TargetInput.scope'];

/** The division subgraph's schema; the same for every division instance. */
export async function buildDivisionSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema(
    {
      resolvers: [DivisionResolver, InspectorResolver, DivisionMutationResolver, PoolResolver],
      authChecker,
      validate: false,
    },
    divisionReferences,
    { multiline: DIVISION_MULTILINE_TEXT },
  );
  // Last, so refusals by `@Authorized` are recorded too (see `common/audit/refusal-audit.ts`).
  return recordRefusals<DivisionContext>(schema, {
    em: (context) => context.em,
    division: (context) => context.division.code,
    subjects: DIVISION_REFUSAL_SUBJECTS,
  });
}
