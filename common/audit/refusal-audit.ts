import type { EntityManager } from '@mikro-orm/core';
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import type { Logger } from '../logger';
import { isAuthenticated, type Viewer } from '../viewer';
import { appendAudit } from './audit-log';

/**
 * The refusals an audit trail records: a signed-in caller who tried something
 * their role, their division or the record's state does not allow. Everything
 * else is left out on purpose — anonymous callers (UNAUTHENTICATED) and
 * malformed input (BAD_USER_INPUT, INVALID_USCC, NOT_FOUND, UNKNOWN_DIVISION,
 * UNKNOWN_ITEM, INACTIVE_ITEM) could otherwise grow the log at will, and a
 * collision with a concurrent change or a standing declaration (CONFLICT), an
 * unavailable division or an internal error is no one's attempt to steer anything.
 */
export const RECORDED_REFUSALS: ReadonlySet<string> = new Set([
  'FORBIDDEN',
  'TASK_NOT_COMMITTED',
  'TASK_NOT_DRAFT',
  'TASK_CANCELLED',
  'CANCELLATION_REQUESTED',
  'NO_CANCELLATION_REQUESTED',
  'SAME_PERSON',
  'ALREADY_DRAWN',
  'NOT_ENOUGH_INSPECTORS',
  'EMPTY_POOL',
  'TASK_NOT_DRAWN',
  'RESULTS_INCOMPLETE',
  'TASK_NOT_PUBLISHED',
  'ALREADY_PUBLISHED',
  // a directed target without a valid basis: the back door a random draw closes
  'MISSING_BASIS',
  // review before publication (法制审核)
  'RESULTS_NOT_REVIEWED',
  'NO_REVIEW_PENDING',
  'AMENDMENT_UNCHANGED',
  'AMENDMENT_PENDING',
]);

/** A mutation's arguments → the subject its audit entries name, e.g. `task:T2026-0001`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL arguments as the resolver receives them
export type RefusalSubjects = Record<string, (args: Record<string, any>) => string>;

export interface RefusalAuditOptions<C> {
  /** The request's EntityManager; the refusal is written in a fork of it, in a transaction of its own. */
  em: (context: C) => EntityManager;
  /** The division an entry belongs to (a division instance's own code); the viewer's by default. */
  division?: (context: C) => string | undefined;
  subjects: RefusalSubjects;
}

/** The code a refusal is recorded with, or null when this error is not recorded (see RECORDED_REFUSALS). */
export function recordedRefusal(error: unknown, viewer: Viewer): string | null {
  if (!(error instanceof GraphQLError) || !isAuthenticated(viewer)) return null;
  const code = error.extensions?.code;
  return typeof code === 'string' && RECORDED_REFUSALS.has(code) ? code : null;
}

function subjectOf(subjects: RefusalSubjects, field: string, args: Record<string, unknown>): string {
  try {
    const subject = subjects[field]?.(args);
    if (subject) return subject;
  } catch {
    // Arguments of an unexpected shape still leave a trace under the mutation's name.
  }
  return `mutation:${field}`;
}

/**
 * Wraps every mutation so that a refused attempt (RECORDED_REFUSALS) appends an
 * audit entry with the refusal code, the mutation as its action, the target
 * as its subject, the arguments' digest and who tried. The refused change's
 * own transaction has rolled back by then; the entry gets one of its own.
 * Recording never changes the answer: the caller gets the same error, and a
 * failure to record is logged. Returns the schema, changed in place. Apply it
 * to the built schema, outside type-graphql: `@Authorized` refuses before any
 * type-graphql middleware runs, and this wrapper must see that refusal too.
 */
export function recordRefusals<C extends { viewer: Viewer; logger: Logger }>(schema: GraphQLSchema, options: RefusalAuditOptions<C>): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args: Record<string, unknown>, context: C, info) => {
      try {
        return await resolve(source, args, context, info);
      } catch (error) {
        const refusal = recordedRefusal(error, context.viewer);
        if (refusal) {
          try {
            const division = options.division?.(context);
            await options
              .em(context)
              .fork()
              .transactional((tx) =>
                appendAudit(tx, context.viewer, {
                  action: field.name,
                  subject: subjectOf(options.subjects, field.name, args),
                  input: args,
                  refusal,
                  ...(division ? { division } : {}),
                }),
              );
          } catch (failure) {
            context.logger.error({ err: failure, action: field.name, refusal }, 'could not record a refused attempt in the audit trail');
          }
        }
        throw error;
      }
    };
  }
  return schema;
}
