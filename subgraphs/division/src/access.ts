import { createParameterDecorator, ID } from 'type-graphql';
import { domainError, forbidden, unauthenticated } from '../../../common/errors';
import { hasRole, isAuthenticated, type Viewer } from '../../../common/viewer';
import type { DivisionContext } from './context';

/**
 * Who may see and change a division's directories (DESIGN §5): the division's own
 * admins write; its admins and inspectors read; coordinators and supervisors read
 * every division; analysts see no directory (personal data); the joint subgraph
 * reads pools as a service.
 */
export function canReadDirectory(viewer: Viewer, division: string): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  return hasRole(viewer, 'division_admin', 'inspector') && viewer.division === division;
}

/** Directory records reached through another subgraph (a task's team, an assignment's targets). */
export function canReadReferencedRecord(viewer: Viewer): boolean {
  return viewer.service !== undefined || hasRole(viewer, 'coordinator', 'supervisor', 'division_admin', 'inspector');
}

export function assertCanReadDirectory(viewer: Viewer, division: string): void {
  if (!isAuthenticated(viewer)) throw unauthenticated();
  if (!canReadDirectory(viewer, division)) throw forbidden(`无权查看 ${division} 的名录库 (you may not read division ${division}'s directories)`);
}

export function assertCanReadReferenced(viewer: Viewer): void {
  if (!isAuthenticated(viewer)) throw unauthenticated();
  if (!canReadReferencedRecord(viewer)) throw forbidden('无权查看名录库信息 (you may not read directory records)');
}

/** Writes are for the division's own administrators. */
export function assertDivisionAdmin(viewer: Viewer, division: string): void {
  if (!isAuthenticated(viewer)) throw unauthenticated();
  if (!(hasRole(viewer, 'division_admin') && viewer.division === division)) {
    throw forbidden(`只有 ${division} 的管理员可以修改其清单和名录库 (only division ${division}'s administrators may change its lists and directories)`);
  }
}

/** The division argument must name the division this instance serves. */
export function assertOwnDivision(context: DivisionContext, division: string): void {
  if (division !== context.division.code) {
    throw domainError(
      'UNKNOWN_DIVISION',
      `本服务属于 ${context.division.code}，不受理 “${division}” 的请求 (this instance serves division ${context.division.code}, not ${division})`,
      {
        division,
      },
    );
  }
}

/**
 * `@OwnDivision()` in place of `@Arg('division', () => ID)`: declares the argument
 * the gateway routes on (`division`, or `code` for `division(code:)`) and refuses
 * any value but this instance's own code with UNKNOWN_DIVISION, before the
 * resolver runs. A division field or mutation that uses it cannot forget the check.
 */
export function OwnDivision(name: 'division' | 'code' = 'division'): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator<DivisionContext>(
    ({ args, context }) => {
      const division = args[name] as string;
      assertOwnDivision(context, division);
      return division;
    },
    { arg: { name, typeFunc: () => ID } },
  );
}
