import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';

/** The field paperwork the system prints from its data (see docs/paperwork.md). */
export enum DocumentKind {
  DISPATCH_LIST = 'DISPATCH_LIST',
  INSPECTION_NOTICE = 'INSPECTION_NOTICE',
  RECORD_FORM = 'RECORD_FORM',
  RESULT_ANNOUNCEMENT = 'RESULT_ANNOUNCEMENT',
}
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  valuesConfig: {
    DISPATCH_LIST: { description: '派遣单 — targets, addresses, items and the teams with their certificate numbers' },
    INSPECTION_NOTICE: { description: '检查通知书 — for the entity: items, legal basis, team, period' },
    RECORD_FORM: { description: '检查记录表 — one row per item, with spaces for findings and signatures' },
    RESULT_ANNOUNCEMENT: { description: '结果公告 — the publication as the public sees it' },
  },
});

export enum DocumentFormat {
  PDF = 'PDF',
  XLSX = 'XLSX',
}
registerEnumType(DocumentFormat, { name: 'DocumentFormat' });

@ObjectType({ description: 'A document generated from the data, with a download link served by the gateway' })
export class PaperworkDocument {
  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Field(() => DocumentFormat)
  format!: DocumentFormat;

  @Field({ description: 'e.g. 检查通知书' })
  title!: string;

  @Field({ description: 'Relative to the gateway; signed for the viewer who asked and short-lived, except the public announcement' })
  url!: string;

  @TimestampField({ nullable: true, description: 'When the link stops working; null for a public link' })
  expiresAt!: string | null;
}
