import { AuditEntry, AuditHead } from '../../../common/audit/audit-entry.entity';
import { CheckItem } from './checklist/check-item.entity';
import { DivisionProfile } from './division/division-profile.entity';
import { ConflictDeclaration } from './inspectors/conflict-declaration.entity';
import { Inspector } from './inspectors/inspector.entity';
import { PlanEntry } from './plan/plan-entry.entity';
import { Target } from './targets/target.entity';

/** Every table of a division's database. */
export const divisionEntities = [DivisionProfile, CheckItem, Target, Inspector, ConflictDeclaration, PlanEntry, AuditEntry, AuditHead];
