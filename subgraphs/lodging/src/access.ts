import { forbidden, unauthenticated } from '../../../common/errors';
import { hasRole, isAuthenticated, type Viewer } from '../../../common/viewer';

/**
 * Guest registrations are the public-order division's records (DESIGN §5 in
 * spirit): its own administrators and inspectors read them, and so do the joint
 * office's coordinators and supervisors, who plan and audit inspections of
 * hotels; other divisions and analysts do not, and the public never does.
 */
export function canReadRegistrations(viewer: Viewer, division: string): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  return hasRole(viewer, 'division_admin', 'inspector') && viewer.division === division;
}

export function assertCanReadRegistrations(viewer: Viewer, division: string): void {
  if (!isAuthenticated(viewer)) throw unauthenticated();
  if (!canReadRegistrations(viewer, division)) {
    throw forbidden(`无权查看旅馆入住登记，仅限 ${division}、联席办和督查人员 (only ${division}, coordinators and supervisors may read guest registrations)`);
  }
}
