import { Migration } from '@mikro-orm/migrations';

export class Migration20261201231804_Evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`attachment_blob\` (\`key\` text not null, \`bytes\` blob not null, primary key (\`key\`));`);

    this.addSql(
      `create table \`attachment\` (\`id\` text not null, \`task\` text not null, \`assignment\` text not null, \`uscc\` text not null, \`item_division\` text not null, \`item_code\` text not null, \`name\` text not null, \`media_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`storage_key\` text not null, \`location_kept\` integer not null, \`uploaded_by_division\` text not null, \`uploaded_by\` text not null, \`uploaded_at\` text not null, \`audit_seq\` integer not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`attachment_task_index\` on \`attachment\` (\`task\`);`);
    this.addSql(`create index \`attachment_assignment_item_division_item_code_index\` on \`attachment\` (\`assignment\`, \`item_division\`, \`item_code\`);`);
  }
}
