import { Migration } from '@mikro-orm/migrations';

export class Migration20261201204421_DrawVerification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`draw\` add column \`verification_ok\` integer null;`);
    this.addSql(`alter table \`draw\` add column \`verification_problems\` json null;`);
    this.addSql(`alter table \`draw\` add column \`verified_at\` text null;`);
  }
}
