import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { signDownload } from '../../../../common/download-url';
import { hasRole, isAuthenticated, type Viewer } from '../../../../common/viewer';
import { canSeeAssignment } from '../assignments/assignment-access';
import { canSeeTaskDetails } from '../tasks/task-access';
import { Assignment } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { Publication } from '../publication/publication.entity';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { DocumentFormat, DocumentKind, PaperworkDocument } from './document.types';

/** Where the gateway serves the paperwork (gateway/src/documents). */
export const DOCUMENTS_PATH = '/documents';

const TITLES: Record<DocumentKind, string> = {
  [DocumentKind.DISPATCH_LIST]: '派遣单',
  [DocumentKind.INSPECTION_NOTICE]: '检查通知书',
  [DocumentKind.RECORD_FORM]: '检查记录表',
  [DocumentKind.RESULT_ANNOUNCEMENT]: '检查结果公告',
};

const FILES: Record<DocumentKind, string> = {
  [DocumentKind.DISPATCH_LIST]: 'dispatch-list',
  [DocumentKind.INSPECTION_NOTICE]: 'notice',
  [DocumentKind.RECORD_FORM]: 'record-form',
  [DocumentKind.RESULT_ANNOUNCEMENT]: 'announcement',
};

/** The gateway path of one document, e.g. /documents/assignments/T2026-0001-001/notice.pdf. */
export function documentPath(scope: 'tasks' | 'assignments' | 'publications', id: string, kind: DocumentKind, format: DocumentFormat): string {
  return `${DOCUMENTS_PATH}/${scope}/${encodeURIComponent(id)}/${FILES[kind]}.${format.toLowerCase()}`;
}

function signed(context: JointContext, scope: 'tasks' | 'assignments', id: string, kind: DocumentKind, format: DocumentFormat): PaperworkDocument {
  const { url, expiresAt } = signDownload(documentPath(scope, id, kind, format), context.viewer, context.downloadKey, context.now());
  return { kind, format, title: TITLES[kind], url, expiresAt: expiresAt.toISOString() };
}

const drawn = (task: InspectionTask) => task.status === TaskStatus.DRAWN || task.status === TaskStatus.PUBLISHED;

/** The whole task's dispatch list names every team: for those who run the task, never for the public or a single team. */
function mayPrintTask(viewer: Viewer, task: InspectionTask): boolean {
  if (!isAuthenticated(viewer) || !canSeeTaskDetails(viewer, task)) return false;
  return hasRole(viewer, 'coordinator', 'supervisor') || (hasRole(viewer, 'division_admin') && task.divisionCodes.includes(viewer.division ?? ''));
}

@Resolver(() => InspectionTask)
export class TaskDocumentsResolver {
  @FieldResolver(() => [PaperworkDocument], {
    description: "派遣单 of the whole task once drawn, for coordinators, supervisors and the task's division admins; empty for anyone else",
  })
  documents(@Root() task: InspectionTask, @Ctx() context: JointContext): PaperworkDocument[] {
    if (!drawn(task) || !mayPrintTask(context.viewer, task)) return [];
    return [
      signed(context, 'tasks', task.id, DocumentKind.DISPATCH_LIST, DocumentFormat.PDF),
      signed(context, 'tasks', task.id, DocumentKind.DISPATCH_LIST, DocumentFormat.XLSX),
    ];
  }
}

@Resolver(() => Assignment)
export class AssignmentDocumentsResolver {
  @FieldResolver(() => [PaperworkDocument], {
    description:
      "派遣单, 检查通知书 and 检查记录表 of this entity, for whoever may see its team (the team itself, its divisions' admins, the office); empty for anyone else",
  })
  documents(@Root() assignment: Assignment, @Ctx() context: JointContext): PaperworkDocument[] {
    if (!isAuthenticated(context.viewer) || !canSeeAssignment(context.viewer, assignment)) return [];
    return [
      signed(context, 'assignments', assignment.id, DocumentKind.DISPATCH_LIST, DocumentFormat.PDF),
      signed(context, 'assignments', assignment.id, DocumentKind.INSPECTION_NOTICE, DocumentFormat.PDF),
      signed(context, 'assignments', assignment.id, DocumentKind.RECORD_FORM, DocumentFormat.PDF),
      signed(context, 'assignments', assignment.id, DocumentKind.RECORD_FORM, DocumentFormat.XLSX),
    ];
  }
}

@Resolver(() => Publication)
export class PublicationDocumentResolver {
  @FieldResolver(() => PaperworkDocument, { description: '结果公告 as a PDF: public, as the portal shows it (no withheld findings, no inspectors)' })
  document(@Root() publication: Publication): PaperworkDocument {
    const kind = DocumentKind.RESULT_ANNOUNCEMENT;
    return {
      kind,
      format: DocumentFormat.PDF,
      title: TITLES[kind],
      url: documentPath('publications', publication.id, kind, DocumentFormat.PDF),
      expiresAt: null,
    };
  }
}
