import { AuditEntry, AuditHead } from '../../../common/audit/audit-entry.entity';
import { Assignment, AssignmentMember } from './assignments/assignment.entity';
import { CalendarYearRow } from './calendar/calendar-year.entity';
import { CreditClassRow } from './credit/credit-class.entity';
import { ComplaintRow, CreditEntryRow, MarketEntityRow, RiskFlagRow } from './credit/credit.entities';
import { DirectedTargetRow } from './directed/directed-target.entity';
import { DrawRow } from './draw/draw.entity';
import { TaskPoolRow } from './draw/task-pool.entity';
import { AttachmentBlob, AttachmentRow } from './evidence/attachment.entity';
import { Publication } from './publication/publication.entity';
import { PublishedResult } from './publication/published-result.entity';
import { InspectionResultRow } from './results/inspection-result.entity';
import { ResultAmendmentRow } from './publication/result-amendment.entity';
import { Counter } from './support/counter.entity';
import { InspectionTask } from './tasks/inspection-task.entity';

/** Every table of the joint subgraph's database. */
export const jointEntities = [
  InspectionTask,
  DrawRow,
  TaskPoolRow,
  Assignment,
  AssignmentMember,
  InspectionResultRow,
  ResultAmendmentRow,
  Publication,
  PublishedResult,
  MarketEntityRow,
  RiskFlagRow,
  ComplaintRow,
  CreditEntryRow,
  CreditClassRow,
  DirectedTargetRow,
  CalendarYearRow,
  Counter,
  AttachmentRow,
  AttachmentBlob,
  AuditEntry,
  AuditHead,
];
