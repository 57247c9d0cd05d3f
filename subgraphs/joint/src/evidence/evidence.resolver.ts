import DataLoader from 'dataloader';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { listSize } from '../../../../common/demand-control';
import { signDownload } from '../../../../common/download-url';
import { isAuthenticated } from '../../../../common/viewer';
import { canSeeAssignment } from '../assignments/assignment-access';
import type { JointContext } from '../context';
import { PublicResult } from '../publication/public-result.type';
import { InspectionResult } from '../results/inspection-result.type';
import { AttachmentRow } from './attachment.entity';
import { EVIDENCE_PATH } from './evidence.route';
import { EvidenceAttachmentView } from './evidence.types';

@Resolver(() => InspectionResult)
export class ResultEvidenceResolver {
  @Directive(listSize(10))
  @FieldResolver(() => [EvidenceAttachmentView], {
    description: '证据材料 the result rests on, with download links; empty for anyone who may not see the team',
  })
  async attachments(@Root() result: InspectionResult, @Ctx() context: JointContext): Promise<EvidenceAttachmentView[]> {
    const { viewer } = context;
    if (!result.assignment || !result.item || !isAuthenticated(viewer)) return [];
    const assignment = await context.loaders.assignment.load(result.assignment);
    if (!assignment || !canSeeAssignment(viewer, assignment)) return [];
    const rows = await context.em.find(
      AttachmentRow,
      { assignment: assignment.id, itemDivision: result.item.division, itemCode: result.item.code },
      { orderBy: { id: 'asc' } },
    );
    return rows.map((row) => {
      const { url, expiresAt } = signDownload(`${EVIDENCE_PATH}/${encodeURIComponent(row.id)}`, viewer, context.downloadKey, context.now());
      return {
        id: row.id,
        name: row.name,
        mediaType: row.mediaType,
        size: row.size,
        sha256: row.sha256,
        locationKept: row.locationKept,
        uploadedAt: row.uploadedAt,
        url,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }
}

/** One count query per request for a page of published results, however long. */
const countLoaders = new WeakMap<JointContext, DataLoader<string, number>>();

function attachmentCounts(context: JointContext): DataLoader<string, number> {
  let loader = countLoaders.get(context);
  if (!loader) {
    loader = new DataLoader<string, number>(async (keys) => {
      const parsed = keys.map((key) => JSON.parse(key) as [string, string, string, string]);
      const rows = await context.em.find(
        AttachmentRow,
        { $or: parsed.map(([task, uscc, itemDivision, itemCode]) => ({ task, uscc, itemDivision, itemCode })) },
        { fields: ['task', 'uscc', 'itemDivision', 'itemCode'], disableIdentityMap: true },
      );
      const counts = new Map<string, number>();
      for (const row of rows) {
        const key = JSON.stringify([row.task, row.uscc, row.itemDivision, row.itemCode]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return keys.map((key) => counts.get(key) ?? 0);
    });
    countLoaders.set(context, loader);
  }
  return loader;
}

@Resolver(() => PublicResult)
export class PublicResultEvidenceResolver {
  @FieldResolver(() => Int, { description: 'How many evidence files the result rests on (the files themselves are never public)' })
  attachmentCount(@Root() result: PublicResult, @Ctx() context: JointContext): Promise<number> {
    if (!result.source) return Promise.resolve(0);
    const { task, uscc, division, itemCode } = result.source;
    return attachmentCounts(context).load(JSON.stringify([task, uscc, division, itemCode]));
  }
}
