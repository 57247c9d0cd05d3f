import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { shanghaiDate } from '../../../../common/dates';
import { forbidden } from '../../../../common/errors';
import { hasRole, type Viewer } from '../../../../common/viewer';
import type { DivisionContext } from '../context';
import { ConflictDeclaration } from './conflict-declaration.entity';
import { certificateWarning } from './certificate';
import { Inspector } from './inspector.entity';

/** Declared conflicts are shown to those who manage recusal and to the inspector themself. */
function canSeeConflicts(viewer: Viewer, inspector: Inspector): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  if (viewer.division !== inspector.division) return false;
  return hasRole(viewer, 'division_admin') || (hasRole(viewer, 'inspector') && viewer.inspector === inspector.id);
}

@Resolver(() => Inspector)
export class InspectorResolver {
  @FieldResolver(() => [ConflictDeclaration], { description: '回避申报 — declared conflicts of interest; withdrawn ones too with includeWithdrawn' })
  async conflicts(
    @Root() inspector: Inspector,
    @Ctx() context: DivisionContext,
    @Arg('includeWithdrawn', () => Boolean, { defaultValue: false, description: 'Also the declarations withdrawn since (with who, when and why)' })
    includeWithdrawn: boolean,
  ): Promise<ConflictDeclaration[]> {
    if (!canSeeConflicts(context.viewer, inspector)) throw forbidden("无权查看回避申报 (you may not see this inspector's declarations)");
    const declarations = await context.loaders.conflicts.load(inspector.id);
    return includeWithdrawn ? declarations : declarations.filter((declaration) => declaration.withdrawnAt === null);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "When an active inspector's 执法证 has expired or expires within 90 days: what that means for the draws; null otherwise",
  })
  certificateWarning(@Root() inspector: Inspector): string | null {
    return inspector.active ? (certificateWarning(inspector.certificateValidUntil, shanghaiDate())?.message ?? null) : null;
  }
}
