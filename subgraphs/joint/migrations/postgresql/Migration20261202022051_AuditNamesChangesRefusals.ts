import { Migration } from '@mikro-orm/migrations';

export class Migration20261202022051_AuditNamesChangesRefusals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "actor_name" varchar(200) null, add column "changes" jsonb null, add column "refusal" varchar(64) null;`);
    this.addSql(`create index "audit_entry_refusal_index" on "audit_entry" ("refusal");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_entry_refusal_index";`);
    this.addSql(`alter table "audit_entry" drop column "actor_name", drop column "changes", drop column "refusal";`);
  }
}
