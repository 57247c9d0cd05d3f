import { Migration } from '@mikro-orm/migrations';

export class Migration20261129030601_DirectoryPageIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "target_status_index";`);

    this.addSql(`create index "target_status_uscc_index" on "target" ("status", "uscc");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "target_status_uscc_index";`);

    this.addSql(`create index "target_status_index" on "target" ("status");`);
  }
}
