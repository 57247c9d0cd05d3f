import { Migration } from '@mikro-orm/migrations';

export class Migration20261202052029_DrawPoolFirst extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "task_pool" ("task" varchar(32) not null, "as_of" varchar(10) not null, "digest" varchar(64) not null, "counts" jsonb not null, "inspector_count" int not null, "pool_key" varchar(64) not null, "public_pool" text not null, "clear_pool" text not null, "created_at" varchar(32) not null, constraint "task_pool_pkey" primary key ("task"));`,
    );

    this.addSql(`alter table "assignment" add column "risk_class" varchar(1) null;`);

    this.addSql(`alter table "draw" add column "full_record" text null;`);

    this.addSql(
      `alter table "inspection_task" add column "class_ratios" jsonb null, add column "beacon_source" varchar(800) null, add column "beacon_date" varchar(10) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "task_pool" cascade;`);

    this.addSql(`alter table "assignment" drop column "risk_class";`);

    this.addSql(`alter table "draw" drop column "full_record";`);

    this.addSql(`alter table "inspection_task" drop column "class_ratios", drop column "beacon_source", drop column "beacon_date";`);
  }
}
