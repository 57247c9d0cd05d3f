import { Migration } from '@mikro-orm/migrations';

export class Migration20261128144133_LookupIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "complaint_received_on_index" on "complaint" ("received_on");`);

    this.addSql(`create index "credit_entry_violation_date_index" on "credit_entry" ("violation", "date");`);

    this.addSql(`create index "published_result_task_uscc_division_item_code_index" on "published_result" ("task", "uscc", "division", "item_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "complaint_received_on_index";`);

    this.addSql(`drop index "credit_entry_violation_date_index";`);

    this.addSql(`drop index "published_result_task_uscc_division_item_code_index";`);
  }
}
