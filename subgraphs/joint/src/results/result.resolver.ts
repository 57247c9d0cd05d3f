import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
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
