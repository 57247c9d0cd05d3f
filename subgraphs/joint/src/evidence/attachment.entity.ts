import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 证据材料 — a file an inspector of the team attached to a result: a photo or a
 * scan of the signed record form. The bytes live in an AttachmentStore (this
 * database by default); this row says what they are and what their SHA-256 was
 * when they were stored — the same hash the audit entry of the upload covers.
 */
@Entity({ tableName: 'attachment' })
@Index({ properties: ['assignment', 'itemDivision', 'itemCode'] })
export class AttachmentRow {
  /** e.g. T2026-0001-003-ZA-ZA-001-01 — the result's key and a number. */
  @PrimaryKey({ type: 'string', length: 120 })
  id!: string;

  @Property({ type: 'string', length: 32, index: true })
  task!: string;

  @Property({ type: 'string', length: 48 })
  assignment!: string;

  /** The entity's USCC: a published result counts its attachments by task, entity and item. */
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 16 })
  itemDivision!: string;

  @Property({ type: 'string', length: 32 })
  itemCode!: string;

  /** The file name the inspector gave, cleaned; only shown, never trusted for the type. */
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The type its content proved to be (after re-encoding, for photos). */
  @Property({ type: 'string', length: 40 })
  mediaType!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** Where the bytes are: the store's key. */
  @Property({ type: 'string', length: 160 })
  storageKey!: string;

  /** True when the photo's location (EXIF GPS) was kept because the division keeps it. */
  @Property({ type: 'boolean' })
  locationKept!: boolean;

  @Property({ type: 'string', length: 16 })
  uploadedByDivision!: string;

  @Property({ type: 'string', length: 32 })
  uploadedBy!: string;

  @Property({ type: 'string', length: 32 })
  uploadedAt!: string;

  /** The audit entry that recorded this file's hash. */
  @Property({ type: 'integer' })
  auditSeq!: number;
}

/** The bytes of attachments kept in the joint database (the default AttachmentStore). */
@Entity({ tableName: 'attachment_blob' })
export class AttachmentBlob {
  @PrimaryKey({ type: 'string', length: 160 })
  key!: string;

  @Property({ type: 'blob' })
  bytes!: Buffer;
}
