import { Migration } from '@mikro-orm/migrations';

export class Migration20261201204422_DrawVerification extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "draw" add column "verification_ok" boolean null, add column "verification_problems" jsonb null, add column "verified_at" varchar(32) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "draw" drop column "verification_ok", drop column "verification_problems", drop column "verified_at";`);
  }
}
