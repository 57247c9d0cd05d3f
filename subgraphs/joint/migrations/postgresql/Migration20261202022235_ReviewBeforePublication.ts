import { Migration } from '@mikro-orm/migrations';

export class Migration20261202022235_ReviewBeforePublication extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "result_amendment" ("id" serial primary key, "task" varchar(32) not null, "assignment" varchar(48) not null, "item_division" varchar(16) not null, "item_code" varchar(32) not null, "amends" int not null, "outcome" varchar(48) not null, "findings" text null, "method" varchar(50) not null, "inspected_on" varchar(10) not null, "follow_up" varchar(40) not null, "referred_to" varchar(200) null, "disclosure" varchar(24) not null, "reason" varchar(500) not null, "submitted_by" varchar(200) not null, "submitted_by_name" varchar(200) null, "submitted_by_division" varchar(16) null, "submitted_by_inspector" varchar(64) null, "submitted_at" varchar(32) not null, "review_status" varchar(16) not null, "reviewed_by" varchar(200) null, "reviewed_by_name" varchar(200) null, "reviewed_at" varchar(32) null, "review_note" varchar(500) null, "published_result" int null);`,
    );
    this.addSql(`create index "result_amendment_task_index" on "result_amendment" ("task");`);
    this.addSql(`create index "result_amendment_assignment_item_division_item_code_index" on "result_amendment" ("assignment", "item_division", "item_code");`);

    this.addSql(
      `alter table "inspection_result" add column "recorded_by_sub" varchar(200) null, add column "review_status" varchar(16) not null default 'PENDING', add column "reviewed_by" varchar(200) null, add column "reviewed_by_name" varchar(200) null, add column "reviewed_at" varchar(32) null, add column "review_note" varchar(500) null;`,
    );

    // Results of tasks published before reviews were recorded were reviewed outside it: they count as approved,
    // with no reviewer named. Every other result (of a task still drawn) waits for a reviewer.
    this.addSql(
      `update "inspection_result" set "review_status" = 'APPROVED', "review_note" = '本系统记录法制审核之前已公示 (published before this system recorded reviews)' where "task" in (select "id" from "inspection_task" where "status" = 'PUBLISHED');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "result_amendment" cascade;`);

    this.addSql(
      `alter table "inspection_result" drop column "recorded_by_sub", drop column "review_status", drop column "reviewed_by", drop column "reviewed_by_name", drop column "reviewed_at", drop column "review_note";`,
    );
  }
}
