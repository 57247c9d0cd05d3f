import { Migration } from '@mikro-orm/migrations';

export class Migration20261201231805_Evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "attachment_blob" ("key" varchar(160) not null, "bytes" bytea not null, constraint "attachment_blob_pkey" primary key ("key"));`);

    this.addSql(
      `create table "attachment" ("id" varchar(120) not null, "task" varchar(32) not null, "assignment" varchar(48) not null, "uscc" varchar(18) not null, "item_division" varchar(16) not null, "item_code" varchar(32) not null, "name" varchar(200) not null, "media_type" varchar(40) not null, "size" int not null, "sha256" varchar(64) not null, "storage_key" varchar(160) not null, "location_kept" boolean not null, "uploaded_by_division" varchar(16) not null, "uploaded_by" varchar(32) not null, "uploaded_at" varchar(32) not null, "audit_seq" int not null, constraint "attachment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "attachment_task_index" on "attachment" ("task");`);
    this.addSql(`create index "attachment_assignment_item_division_item_code_index" on "attachment" ("assignment", "item_division", "item_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attachment_blob" cascade;`);

    this.addSql(`drop table if exists "attachment" cascade;`);
  }
}
