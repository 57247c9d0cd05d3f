import type { ReferenceResolvers } from '../../../common/federation';
import { assertCanReadReferenced } from './access';
import type { DivisionContext } from './context';

/**
 * How other subgraphs' references become this division's records. The gateway
 * only sends references of this division here; anything else resolves to null.
 */
export const divisionReferences: ReferenceResolvers = {
  Division: {
    __resolveReference: (reference: { code: string }, context: DivisionContext) => (reference.code === context.division.code ? { ...context.division } : null),
  },
  CheckItem: {
    __resolveReference: (reference: { division: string; code: string }, context: DivisionContext) =>
      reference.division === context.division.code ? context.loaders.item.load(reference.code) : null,
  },
  Target: {
    __resolveReference: (reference: { division: string; uscc: string }, context: DivisionContext) => {
      assertCanReadReferenced(context.viewer);
      return reference.division === context.division.code ? context.loaders.target.load(reference.uscc) : null;
    },
  },
  Inspector: {
    __resolveReference: (reference: { division: string; id: string }, context: DivisionContext) => {
      assertCanReadReferenced(context.viewer);
      return reference.division === context.division.code ? context.loaders.inspector.load(reference.id) : null;
    },
  },
};
