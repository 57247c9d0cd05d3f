import { Migration } from '@mikro-orm/migrations';

export class Migration20261202002424_CancellationApproval extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "inspection_task" add column "cancel_requested_by" varchar(200) null, add column "cancel_requested_by_name" varchar(200) null, add column "cancel_requested_at" varchar(32) null, add column "cancel_approved_by" varchar(200) null, add column "cancel_approved_by_name" varchar(200) null, add column "cancel_note" varchar(500) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "inspection_task" drop column "cancel_requested_by", drop column "cancel_requested_by_name", drop column "cancel_requested_at", drop column "cancel_approved_by", drop column "cancel_approved_by_name", drop column "cancel_note";`,
    );
  }
}
