import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../../../common/auth';
import { buildFederatedSchema } from '../../../common/federation';
import { LodgingHotelResolver, LodgingQueryResolver, TargetLodgingResolver } from './hotels/lodging.resolver';

/**
 * The guest-registration system's subgraph: it adds `lodging` to the division
 * subgraph's `Target` and answers its own findings. The gateway plans it like any
 * Federation 2 subgraph; division routing never touches it.
 */
export function buildLodgingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [TargetLodgingResolver, LodgingHotelResolver, LodgingQueryResolver], authChecker, validate: false },
    {
      Target: { __resolveReference: (reference: { division: string; uscc: string }) => ({ division: reference.division, uscc: reference.uscc }) },
    },
    { multiline: [] },
  );
}
