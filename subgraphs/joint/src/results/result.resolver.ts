import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { listSize } from '../../../../common/demand-control';
import { forbidden } from '../../../../common/errors';
import { Assignment } from '../assignments/assignment.entity';
import { canSeeAssignment } from '../assignments/assignment-access';
import type { JointContext } from '../context';
import { ItemRefInput } from '../tasks/task.input';
import { InspectionResult, resultView } from './inspection-result.type';
import { ResultInput } from './result.input';
import { recordResult } from './result-service';

@Resolver()
export class ResultResolver {
  @Mutation(() => InspectionResult, {
    description: "录入检查结果 — by an inspector on the team, of the item's division; correctable by its recorder until publication",
  })
  async recordResult(
    @Arg('assignment', () => ID) assignment: string,
    @Arg('item', () => ItemRefInput) item: ItemRefInput,
    @Arg('input', () => ResultInput) input: ResultInput,
    @Ctx() context: JointContext,
  ): Promise<InspectionResult> {
    return resultView(await recordResult(context, assignment, item, input));
  }
}

/** The results of an assignment, for those who may see its team. */
@Resolver(() => Assignment)
export class AssignmentResultsResolver {
  @Directive(listSize(5))
  @FieldResolver(() => [InspectionResult])
  async results(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<InspectionResult[]> {
    if (!canSeeAssignment(context.viewer, assignment)) throw forbidden('无权查看检查结果 (you may not see these results before publication)');
    return (await context.loaders.resultsOfAssignment.load(assignment.id)).map(resultView);
  }

  @FieldResolver(() => Boolean, { description: 'Every item has a result' })
  async complete(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<boolean> {
    const results = await context.loaders.resultsOfAssignment.load(assignment.id);
    return assignment.itemKeys.every((item) => results.some((result) => result.itemDivision === item.division && result.itemCode === item.code));
  }
}
