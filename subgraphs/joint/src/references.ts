import type { ReferenceResolvers } from '../../../common/federation';
import { forbidden } from '../../../common/errors';
import { canSeeAssignment } from './assignments/assignment-access';
import { canSeeTask } from './tasks/task-access';
import type { JointContext } from './context';
import { publicEntity, seesInternalEntityFacts } from './market-entity/public-entity';

/** How the gateway turns keys into the joint subgraph's records. */
export const jointReferences: ReferenceResolvers = {
  InspectionTask: {
    __resolveReference: async (reference: { id: string }, context: JointContext) => {
      const task = await context.loaders.task.load(reference.id);
      return task && canSeeTask(context.viewer, task) ? task : null;
    },
  },
  Assignment: {
    __resolveReference: async (reference: { id: string }, context: JointContext) => {
      const assignment = await context.loaders.assignment.load(reference.id);
      if (assignment && !canSeeAssignment(context.viewer, assignment)) throw forbidden();
      return assignment;
    },
  },
  MarketEntity: {
    __resolveReference: async (reference: { uscc: string }, context: JointContext) => {
      // The same rule as `marketEntity`: what the public may know of an entity comes from public facts only.
      if (!seesInternalEntityFacts(context.viewer)) return { uscc: reference.uscc, name: (await publicEntity(context.em, reference.uscc))?.name ?? null };
      const row = await context.loaders.entity.load(reference.uscc);
      return { uscc: reference.uscc, name: row?.name ?? null };
    },
  },
  Target: { __resolveReference: (reference: { division: string; uscc: string }) => ({ division: reference.division, uscc: reference.uscc }) },
  Inspector: { __resolveReference: (reference: { division: string; id: string }) => ({ division: reference.division, id: reference.id }) },
};
