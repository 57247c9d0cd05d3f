import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210149_ConflictWithdrawal extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "conflict_declaration" drop constraint "conflict_declaration_inspector_uscc_unique";`);

    this.addSql(
      `alter table "conflict_declaration" add column "withdrawn_at" varchar(32) null, add column "withdrawn_by" varchar(200) null, add column "withdrawal_reason" varchar(500) null;`,
    );
    this.addSql(`create unique index "conflict_declaration_standing_unique" on "conflict_declaration" ("inspector", "uscc") where "withdrawn_at" is null;`);
    this.addSql(`create index "conflict_declaration_inspector_uscc_index" on "conflict_declaration" ("inspector", "uscc");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "conflict_declaration_standing_unique";`);
    this.addSql(`drop index "conflict_declaration_inspector_uscc_index";`);
    this.addSql(`alter table "conflict_declaration" drop column "withdrawn_at", drop column "withdrawn_by", drop column "withdrawal_reason";`);

    this.addSql(`alter table "conflict_declaration" add constraint "conflict_declaration_inspector_uscc_unique" unique ("inspector", "uscc");`);
  }
}
