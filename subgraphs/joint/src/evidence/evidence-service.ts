import type { EntityManager } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import { AuditEntry } from '../../../../common/audit/audit-entry.entity';
import { inputDigest } from '../../../../common/audit/audit-chain';
import { appendAudit } from '../../../../common/audit/audit-log';
import type { Viewer } from '../../../../common/viewer';
import { isTeamMember } from '../assignments/assignment-access';
import { Assignment } from '../assignments/assignment.entity';
import { InspectionResultRow } from '../results/inspection-result.entity';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import type { AttachmentStores } from './attachment-store';
import { AttachmentRow } from './attachment.entity';
import { prepareEvidence } from './evidence-file';

/** A refusal of the upload as a whole, with an HTTP status and a stable code. */
export class EvidenceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Enough for the photos of one visit and the signed form; more is a mistake or abuse. */
export const MAX_ATTACHMENTS_PER_RESULT = 30;

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What the audit entry of an upload covers: the file's identity and its SHA-256. */
export function attachmentAuditInput(row: Pick<AttachmentRow, 'id' | 'name' | 'mediaType' | 'size' | 'sha256'>) {
  return { attachment: row.id, name: row.name, mediaType: row.mediaType, size: row.size, sha256: row.sha256 };
}

/** A file name to show: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: unknown): string {
  const base = String(name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim();
  return [...(base || '附件')].slice(0, 120).join('');
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'application/pdf': '.pdf' };

/** A HEIC photo stored as JPEG keeps its name with the extension it now has. */
function nameFor(name: string, mediaType: string): string {
  const extension = EXTENSIONS[mediaType]!;
  return name.toLowerCase().endsWith(extension) || (mediaType === 'image/jpeg' && /\.jpe?g$/i.test(name))
    ? name
    : `${name.replace(/\.[^.]*$/, '')}${extension}`;
}

export interface AttachInput {
  assignment: string;
  division: string;
  code: string;
  name: string;
  bytes: Buffer;
}

export interface EvidenceOptions {
  stores: AttachmentStores;
  /** Divisions that keep a photo's EXIF location (EVIDENCE_KEEP_LOCATION); none by default. */
  keepLocation: readonly string[];
  now: () => Date;
}

/**
 * 上传证据 — an inspector of the team attaches a file to a recorded result of
 * their division's item, before publication. The file, its row and the audit
 * entry holding its SHA-256 are stored in one transaction.
 */
export async function attachEvidence(em: EntityManager, viewer: Viewer, input: AttachInput, options: EvidenceOptions): Promise<AttachmentRow> {
  const assignment = await em.findOne(Assignment, { id: input.assignment });
  if (!assignment || !isTeamMember(viewer, assignment))
    throw new EvidenceError(403, 'FORBIDDEN', '只有本检查组的执法检查人员可以上传证据材料 (only an inspector of the team may attach evidence)');
  if (viewer.division !== input.division)
    throw new EvidenceError(403, 'FORBIDDEN', '只能为本部门事项的检查结果上传证据材料 (attach evidence to your own division’s items only)');
  const task = await em.findOneOrFail(InspectionTask, { id: assignment.task });
  if (task.status !== TaskStatus.DRAWN)
    throw new EvidenceError(409, 'RESULT_LOCKED', '检查结果已公示或任务已撤销，不能再添加证据材料 (the results are published or the task is cancelled)');
  const result = await em.findOne(InspectionResultRow, { assignment: assignment.id, itemDivision: input.division, itemCode: input.code });
  if (!result) throw new EvidenceError(409, 'NO_RESULT', '请先录入该事项的检查结果，再上传证据材料 (record the result of this item first)');
  const file = await prepareEvidence(input.bytes, options.keepLocation.includes(input.division));
  const sha256 = sha256Hex(file.bytes);
  return em.transactional(async (tx) => {
    const existing = await tx.count(AttachmentRow, { assignment: assignment.id, itemDivision: input.division, itemCode: input.code });
    if (existing >= MAX_ATTACHMENTS_PER_RESULT)
      throw new EvidenceError(
        409,
        'TOO_MANY_ATTACHMENTS',
        `每条检查结果最多 ${MAX_ATTACHMENTS_PER_RESULT} 个证据材料 (at most ${MAX_ATTACHMENTS_PER_RESULT} files per result)`,
      );
    const id = `${assignment.id}-${input.division}-${input.code}-${String(existing + 1).padStart(2, '0')}`;
    const at = options.now();
    const fields = {
      id,
      task: task.id,
      assignment: assignment.id,
      uscc: assignment.uscc,
      itemDivision: input.division,
      itemCode: input.code,
      name: nameFor(cleanFileName(input.name), file.mediaType),
      mediaType: file.mediaType,
      size: file.bytes.length,
      sha256,
      storageKey: `attachments/${id}`,
      locationKept: file.locationKept,
      uploadedByDivision: viewer.division!,
      uploadedBy: viewer.inspector!,
      uploadedAt: at.toISOString(),
    };
    await options.stores(tx).put(fields.storageKey, file.bytes);
    const entry = await appendAudit(
      tx,
      viewer,
      {
        action: 'attachEvidence',
        subject: `assignment:${assignment.id}:${input.division}:${input.code}`,
        input: attachmentAuditInput(fields),
        division: input.division,
      },
      at,
    );
    const row = tx.create(AttachmentRow, { ...fields, auditSeq: entry.seq });
    tx.persist(row);
    return row;
  });
}

/** An attachment whose stored bytes, row or audit entry no longer agree. */
export interface BrokenAttachment {
  id: string;
  auditSeq: number;
  problem: string;
}

/**
 * 证据完整性核验 — every stored file against the SHA-256 in its row, and the row
 * against the audit entry that recorded it: bytes replaced in the store, or
 * replaced together with the row's hash, are both found. Reads one file at a
 * time.
 */
export async function verifyAttachments(em: EntityManager, stores: AttachmentStores): Promise<BrokenAttachment[]> {
  const broken: BrokenAttachment[] = [];
  const store = stores(em);
  let after = '';
  for (;;) {
    const rows = await em.find(AttachmentRow, { id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: 200, disableIdentityMap: true });
    const entries = new Map(
      (await em.find(AuditEntry, { seq: { $in: rows.map((row) => row.auditSeq) } }, { disableIdentityMap: true })).map((entry) => [entry.seq, entry]),
    );
    for (const row of rows) {
      const bytes = await store.get(row.storageKey);
      const entry = entries.get(row.auditSeq);
      if (!bytes) broken.push({ id: row.id, auditSeq: row.auditSeq, problem: 'stored file missing' });
      else if (sha256Hex(bytes) !== row.sha256) broken.push({ id: row.id, auditSeq: row.auditSeq, problem: 'stored bytes do not match their SHA-256' });
      else if (!entry || entry.action !== 'attachEvidence' || entry.inputDigest !== inputDigest(attachmentAuditInput(row)))
        broken.push({ id: row.id, auditSeq: row.auditSeq, problem: 'the SHA-256 differs from the audited one' });
    }
    if (rows.length < 200) return broken;
    after = rows[rows.length - 1]!.id;
  }
}
