import { Migration } from '@mikro-orm/migrations';

export class Migration20261202022118_AuditNamesChangesRefusals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`audit_entry\` add column \`actor_name\` text null;`);
    this.addSql(`alter table \`audit_entry\` add column \`changes\` json null;`);
    this.addSql(`alter table \`audit_entry\` add column \`refusal\` text null;`);
    this.addSql(`create index \`audit_entry_refusal_index\` on \`audit_entry\` (\`refusal\`);`);
  }
}
