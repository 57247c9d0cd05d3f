import { Migration } from '@mikro-orm/migrations';

export class Migration20261202021949_DirectedBasis extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "directed_target" ("id" serial primary key, "task" varchar(32) not null, "uscc" varchar(18) not null, "basis" varchar(16) not null, "complaint" int null, "reference" varchar(200) null, "note" varchar(500) null);`,
    );
    this.addSql(`create index "directed_target_basis_index" on "directed_target" ("basis");`);
    this.addSql(`alter table "directed_target" add constraint "directed_target_task_uscc_unique" unique ("task", "uscc");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "directed_target" cascade;`);
  }
}
