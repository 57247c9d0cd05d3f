import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { JointContext } from '../context';
import { InspectionResult, resultView } from '../results/inspection-result.type';
import { ItemRefInput } from '../tasks/task.input';
import { reviewResult } from './review-service';
import { ResultAmendment, amendmentView } from './result-amendment.type';

@Resolver()
export class ReviewResolver {
  @Mutation(() => InspectionResult, {
    description:
      "法制审核 — a reviewer of the item's division approves or returns a result (before publication) or the correction awaiting review (after it); a return needs a note",
  })
  async reviewResult(
    @Arg('assignment', () => ID) assignment: string,
    @Arg('item', () => ItemRefInput) item: ItemRefInput,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: JointContext,
  ): Promise<InspectionResult> {
    return resultView(await reviewResult(context, assignment, item, approve, note));
  }
}

/** The latest correction of a published result, for those who see the result itself. */
@Resolver(() => InspectionResult)
export class ResultAmendmentResolver {
  @FieldResolver(() => ResultAmendment, {
    nullable: true,
    description: '更正申请 — the latest correction of this published result, with its review; null when none was submitted',
  })
  async amendment(@Root() result: InspectionResult, @Ctx() context: JointContext): Promise<ResultAmendment | null> {
    if (!result.assignment || !result.item) return null;
    const rows = await context.loaders.amendmentsOfAssignment.load(result.assignment);
    const latest = rows.filter((row) => row.itemDivision === result.item!.division && row.itemCode === result.item!.code).at(-1);
    return latest ? amendmentView(latest) : null;
  }
}
