import type { EntityManager } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { domainError } from '../../../../common/errors';
import { Assignment, type ItemKey } from './assignment.entity';

/** The assignment with this id, or NOT_FOUND naming it. */
export async function findAssignment(em: EntityManager, id: string): Promise<Assignment> {
  const assignment = await em.findOne(Assignment, { id });
  if (!assignment) throw domainError('NOT_FOUND', `没有编号为 ${id} 的检查对象 (no assignment ${id})`);
  return assignment;
}

/** UNKNOWN_ITEM: the item is not one of those the assignment's entity is inspected for. */
export function unknownItemError(item: ItemKey): GraphQLError {
  return domainError('UNKNOWN_ITEM', `抽查事项 ${item.division}/${item.code} 不适用于该检查对象 (item ${item.code} does not apply to this assignment)`, {
    division: item.division,
    item: item.code,
  });
}

/** Refuses an item that does not apply to the assignment: results, reviews and corrections are per item of its own. */
export function requireItemOf(assignment: Assignment, item: ItemKey): void {
  if (!assignment.itemKeys.some((key) => key.division === item.division && key.code === item.code)) throw unknownItemError(item);
}
