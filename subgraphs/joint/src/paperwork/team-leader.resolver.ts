import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../../../common/errors';
import { canSeeAssignment } from '../assignments/assignment-access';
import { Assignment } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { Inspector } from '../divisions/division-refs';
import { teamLeader } from './team-leader';

/** `Assignment.leader` — the team's 组长, seen by whoever may see the team. */
@Resolver(() => Assignment)
export class TeamLeaderResolver {
  @FieldResolver(() => Inspector, {
    nullable: true,
    description: "组长 — the team's leader by the published rule: the lead division's first drawn inspector, else the team's first seat",
  })
  async leader(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<Inspector | null> {
    if (!canSeeAssignment(context.viewer, assignment)) throw forbidden('无权查看检查组 (you may not see this team)');
    const task = await context.loaders.task.load(assignment.task);
    const leader = task ? teamLeader(assignment.team, task.leadDivision) : null;
    return leader ? { division: leader.division, id: leader.id } : null;
  }
}
