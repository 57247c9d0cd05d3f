import { Field, ObjectType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';
import type { InspectionTask } from './inspection-task.entity';

/** A person in the cancellation record: the token subject, and the display name the token carried, if any. */
@ObjectType({ description: '撤销的申请人或审批人' })
export class CancellationPerson {
  @Field({ description: 'Token subject' })
  sub!: string;

  @Field(() => String, { nullable: true, description: 'Display name the token carried' })
  name!: string | null;
}

/**
 * 撤销记录. Before the declared beacon's date one coordinator cancels in one step
 * (no approver); from that date on, and after the draw, the coordinator requests
 * and a supervisor approves. A rejected request resets these fields: its history
 * is in the audit chain.
 */
@ObjectType({ description: "撤销记录 — from the beacon's date on, and after the draw, a coordinator requests and a supervisor approves" })
export class TaskCancellation {
  @Field({ description: '撤销原因' })
  reason!: string;

  @Field(() => CancellationPerson, { nullable: true, description: '申请人' })
  requestedBy!: CancellationPerson | null;

  @TimestampField({ nullable: true, description: 'When the cancellation was requested (or made, when one step)' })
  requestedAt!: string | null;

  @Field(() => CancellationPerson, { nullable: true, description: "审批人 — null before approval, and for a one-step cancellation (before the beacon's date)" })
  approvedBy!: CancellationPerson | null;

  @TimestampField({ nullable: true, description: 'When a supervisor approved it' })
  approvedAt!: string | null;

  @Field(() => String, { nullable: true, description: '审批意见' })
  note!: string | null;
}

const person = (sub: string | null, name: string | null): CancellationPerson | null => (sub ? { sub, name } : null);

export function cancellationView(task: InspectionTask): TaskCancellation | null {
  if (!task.cancelReason) return null;
  return {
    reason: task.cancelReason,
    requestedBy: person(task.cancelRequestedBy, task.cancelRequestedByName),
    requestedAt: task.cancelRequestedAt,
    approvedBy: person(task.cancelApprovedBy, task.cancelApprovedByName),
    approvedAt: task.cancelApprovedBy ? task.cancelledAt : null,
    note: task.cancelNote,
  };
}
