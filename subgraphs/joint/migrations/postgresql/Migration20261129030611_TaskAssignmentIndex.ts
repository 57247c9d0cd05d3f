import { Migration } from '@mikro-orm/migrations';

export class Migration20261129030611_TaskAssignmentIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "assignment_task_id_index" on "assignment" ("task", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "assignment_task_id_index";`);
  }
}
