import { Migration } from '@mikro-orm/migrations';

export class Migration20261128140434 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_entry\` (\`seq\` integer not null, \`at\` text not null, \`actor\` text not null, \`role\` text not null, \`division\` text null, \`action\` text not null, \`subject\` text not null, \`input_digest\` text not null, \`request_id\` text null, \`prev_hash\` text not null, \`hash\` text not null, primary key (\`seq\`));`,
    );
    this.addSql(`create index \`audit_entry_action_index\` on \`audit_entry\` (\`action\`);`);
    this.addSql(`create index \`audit_entry_subject_index\` on \`audit_entry\` (\`subject\`);`);

    this.addSql(
      `create table \`audit_head\` (\`id\` integer not null default 1, \`seq\` integer not null default 0, \`hash\` text not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`check_item\` (\`code\` text not null, \`division\` text not null, \`name\` text not null, \`basis\` text not null, \`subject\` text not null, \`target_category\` text not null, \`ratio_bp\` integer not null, \`times_per_year\` integer not null, \`method\` text not null, \`content\` text not null, \`required_expertise\` text null, \`active\` integer not null, \`updated_at\` text not null, primary key (\`code\`));`,
    );
    this.addSql(`create index \`check_item_target_category_index\` on \`check_item\` (\`target_category\`);`);

    this.addSql(
      `create table \`conflict_declaration\` (\`id\` integer not null primary key autoincrement, \`inspector\` text not null, \`uscc\` text not null, \`reason\` text not null, \`declared_at\` text not null);`,
    );
    this.addSql(`create index \`conflict_declaration_inspector_index\` on \`conflict_declaration\` (\`inspector\`);`);
    this.addSql(`create unique index \`conflict_declaration_inspector_uscc_unique\` on \`conflict_declaration\` (\`inspector\`, \`uscc\`);`);

    this.addSql(`create table \`division_profile\` (\`code\` text not null, \`name\` text not null, \`created_at\` text not null, primary key (\`code\`));`);

    this.addSql(
      `create table \`inspector\` (\`id\` text not null, \`division\` text not null, \`name\` text not null, \`unit\` text not null, \`position\` text not null, \`expertise\` text not null, \`certificate_no\` text not null, \`certificate_valid_until\` text not null, \`active\` integer not null, \`updated_at\` text not null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`inspector_certificate_no_unique\` on \`inspector\` (\`certificate_no\`);`);

    this.addSql(
      `create table \`plan_entry\` (\`id\` integer not null primary key autoincrement, \`division\` text not null, \`year\` integer not null, \`name\` text not null, \`items\` text not null, \`target_category\` text not null, \`ratio_bp\` integer not null, \`period_start\` text not null, \`period_end\` text not null, \`authority\` text not null, \`updated_at\` text not null);`,
    );
    this.addSql(`create index \`plan_entry_year_index\` on \`plan_entry\` (\`year\`);`);

    this.addSql(
      `create table \`target\` (\`uscc\` text not null, \`division\` text not null, \`name\` text not null, \`kind\` text not null, \`scope\` text not null, \`address\` text not null, \`categories\` text not null, \`status\` text not null, \`uscc_verified\` integer not null, \`updated_at\` text not null, primary key (\`uscc\`));`,
    );
    this.addSql(`create index \`target_name_index\` on \`target\` (\`name\`);`);
    this.addSql(`create index \`target_status_index\` on \`target\` (\`status\`);`);
  }
}
