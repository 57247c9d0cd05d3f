import { Migration } from '@mikro-orm/migrations';

export class Migration20261202003611_CancellationApproval extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "inspection_task" add column "cancel_requested_by" varchar(200) null, add column "cancel_requested_by_name" varchar(200) null, add column "cancel_requested_at" varchar(32) null, add column "cancel_approved_by" varchar(200) null, add column "cancel_approved_by_name" varchar(200) null, add column "cancel_note" varchar(500) null;`,
    );
    this.addSql(`alter table "inspection_task" alter column "status" type varchar(32) using ("status"::varchar(32));`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "inspection_task" drop column "cancel_requested_by", drop column "cancel_requested_by_name", drop column "cancel_requested_at", drop column "cancel_approved_by", drop column "cancel_approved_by_name", drop column "cancel_note";`,
    );

    this.addSql(`alter table "inspection_task" alter column "status" type varchar(16) using ("status"::varchar(16));`);
  }
}
