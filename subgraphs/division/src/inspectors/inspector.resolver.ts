import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../../../common/errors';
import { hasRole, type Viewer } from '../../../../common/viewer';
import type { DivisionContext } from '../context';
import { ConflictDeclaration } from './conflict-declaration.entity';
import { Inspector } from './inspector.entity';

/** Declared conflicts are shown to those who manage recusal and to the inspector themself. */
function canSeeConflicts(viewer: Viewer, inspector: Inspector): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  if (viewer.division !== inspector.division) return false;
  return hasRole(viewer, 'division_admin') || (hasRole(viewer, 'inspector') && viewer.inspector === inspector.id);
}

@Resolver(() => Inspector)
export class InspectorResolver {
  @FieldResolver(() => [ConflictDeclaration], { description: '回避申报 — declared conflicts of interest' })
  async conflicts(@Root() inspector: Inspector, @Ctx() context: DivisionContext): Promise<ConflictDeclaration[]> {
    if (!canSeeConflicts(context.viewer, inspector)) throw forbidden("无权查看回避申报 (you may not see this inspector's declarations)");
    return context.loaders.conflicts.load(inspector.id);
  }
}
