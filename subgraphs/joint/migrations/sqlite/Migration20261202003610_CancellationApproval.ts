import { Migration } from '@mikro-orm/migrations';

export class Migration20261202003610_CancellationApproval extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`inspection_task\` add column \`cancel_requested_by\` text null;`);
    this.addSql(`alter table \`inspection_task\` add column \`cancel_requested_by_name\` text null;`);
    this.addSql(`alter table \`inspection_task\` add column \`cancel_requested_at\` text null;`);
    this.addSql(`alter table \`inspection_task\` add column \`cancel_approved_by\` text null;`);
    this.addSql(`alter table \`inspection_task\` add column \`cancel_approved_by_name\` text null;`);
    this.addSql(`alter table \`inspection_task\` add column \`cancel_note\` text null;`);
  }
}
