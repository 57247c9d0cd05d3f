import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { cost } from '../../../../common/demand-control';
import { forbidden } from '../../../../common/errors';
import { ANONYMOUS } from '../../../../common/viewer';
import type { JointContext } from '../context';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { canSeeSelection } from '../tasks/task-access';
import { commitTask } from './commit-service';
import { drawTask } from './draw-service';
import type { DrawRow } from './draw.entity';
import { Draw, DrawVerification } from './draw.types';
import type { StoredVerification } from './draw-verifications';

function drawView(row: DrawRow, recordVisible: boolean, recordPublic: boolean): Draw {
  return {
    drawnAt: row.drawnAt,
    algorithm: row.algorithm,
    beacon: row.beacon,
    secret: row.secret,
    seed: row.seed,
    poolDigest: row.poolDigest,
    poolSize: row.poolSize,
    highRiskPoolSize: row.highPoolSize,
    selectedCount: row.selectedCount,
    highRiskSelectedCount: row.highSelectedCount,
    excludedCount: row.excludedCount,
    row,
    recordVisible,
    recordPublic,
  };
}

/** The stable address of a draw record's download at the gateway (`/tasks/:id/draw/record.json`), relative to the gateway. */
export function drawRecordPath(task: string): string {
  return `/tasks/${encodeURIComponent(task)}/draw/record.json`;
}

function verificationView(stored: StoredVerification | null): DrawVerification {
  if (!stored) {
    return {
      ok: false,
      pending: true,
      verifiedAt: null,
      problems: ['核验尚未完成，请稍后再看 (the record has not been verified yet; it is verified right after the draw)'],
    };
  }
  return { ok: stored.ok, pending: false, verifiedAt: stored.verifiedAt, problems: stored.problems };
}

/** The draw's part of a task: its commitment, its draw, and the record. */
@Resolver(() => InspectionTask)
export class TaskDrawResolver {
  @Mutation(() => InspectionTask, {
    description: '确定抽查任务 — fixes the items and the pool, publishes the pool digest, the beacon declaration and the seed commitment (coordinator)',
  })
  commitInspectionTask(@Arg('id', () => ID) id: string, @Ctx() context: JointContext) {
    return commitTask(context, id);
  }

  @Directive(cost(1000))
  @Mutation(() => InspectionTask, {
    description: '抽取检查对象和执法检查人员 — once per task, on or after the declared beacon date, with its value (coordinator)',
  })
  drawInspectionTask(@Arg('id', () => ID) id: string, @Arg('beacon', () => String) beacon: string, @Ctx() context: JointContext) {
    return drawTask(context, id, beacon);
  }

  @FieldResolver(() => Draw, { nullable: true })
  async draw(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<Draw | null> {
    const row = await context.loaders.draw.load(task.id);
    return row ? drawView(row, canSeeSelection(context.viewer, task), canSeeSelection(ANONYMOUS, task)) : null;
  }
}

@Resolver(() => Draw)
export class DrawResolver {
  // Megabytes of text: a few records fit in one answer, thirty do not.
  @Directive(cost(8000))
  @FieldResolver(() => String, {
    description:
      'The canonical JSON record (docs/draw-algorithm.md §8.1 — the public record, naming nobody; §11 for SSJ-DRAW-1); public once the results are published. Megabytes for a large pool: prefer recordUrl',
  })
  async record(@Root() draw: Draw, @Ctx() context: JointContext): Promise<string> {
    if (!draw.recordVisible) {
      throw forbidden(
        '抽取记录列明了被抽中的检查对象，检查结果公示后向社会公开 (the record names the drawn entities; it is public once the results are published)',
      );
    }
    return context.loaders.drawRecord.load(draw.row.task);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where anyone downloads the record as a file, relative to the gateway (/tasks/<id>/draw/record.json); null until the record is public',
  })
  recordUrl(@Root() draw: Draw): string | null {
    return draw.recordPublic ? drawRecordPath(draw.row.task) : null;
  }

  @FieldResolver(() => DrawVerification, { description: 'The checks of DRAW-ALGORITHM §8, as run on the stored record when it was drawn' })
  async verification(@Root() draw: Draw, @Ctx() context: JointContext): Promise<DrawVerification> {
    return verificationView(await context.verifications.current(draw.row));
  }

  @Directive(cost(5000))
  @Mutation(() => DrawVerification, {
    description: '重新核验抽取记录 — runs the checks of DRAW-ALGORITHM §8 on the stored record again, stored and audited (supervisor)',
  })
  async verifyDraw(@Arg('id', () => ID) id: string, @Ctx() context: JointContext): Promise<DrawVerification> {
    return verificationView(await context.verifications.reverify(context.em, context.viewer, id));
  }
}
