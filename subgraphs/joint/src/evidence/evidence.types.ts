import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';

/** 证据材料 — a file a result rests on, as the office, reviewers, supervisors and the team see it. */
@ObjectType('EvidenceAttachment', { description: '证据材料 — a photo or scan attached to a result; never public' })
export class EvidenceAttachmentView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The file name as uploaded (cleaned)' })
  name!: string;

  @Field({ description: 'The type its content proved to be: image/jpeg, image/png or application/pdf (HEIC photos are stored as JPEG)' })
  mediaType!: string;

  @Field(() => Int)
  size!: number;

  @Field({ description: 'SHA-256 of the stored bytes, hex; the audit entry of the upload covers it' })
  sha256!: string;

  @Field({ description: "True when the photo's EXIF location was kept (the division keeps it)" })
  locationKept!: boolean;

  @TimestampField()
  uploadedAt!: string;

  @Field({ description: 'Relative to the gateway, signed for the viewer who asked and short-lived' })
  url!: string;

  @TimestampField({ description: 'When the link stops working' })
  expiresAt!: string;
}
