import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210149_ConflictWithdrawal extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index \`conflict_declaration_inspector_uscc_unique\`;`);

    this.addSql(`alter table \`conflict_declaration\` add column \`withdrawn_at\` text null;`);
    this.addSql(`alter table \`conflict_declaration\` add column \`withdrawn_by\` text null;`);
    this.addSql(`alter table \`conflict_declaration\` add column \`withdrawal_reason\` text null;`);
    this.addSql(`create unique index "conflict_declaration_standing_unique" on "conflict_declaration" ("inspector", "uscc") where "withdrawn_at" is null;`);
    this.addSql(`create index \`conflict_declaration_inspector_uscc_index\` on \`conflict_declaration\` (\`inspector\`, \`uscc\`);`);
  }
}
