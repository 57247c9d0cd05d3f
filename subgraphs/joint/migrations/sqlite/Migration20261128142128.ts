import { Migration } from '@mikro-orm/migrations';

export class Migration20261128142128 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`assignment\` (\`id\` text not null, \`task\` text not null, \`year\` integer not null, \`position\` integer not null, \`uscc\` text not null, \`entity_name\` text not null, \`stratum\` text not null, \`division_codes\` text not null, \`item_keys\` json not null, \`team\` json not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`assignment_task_index\` on \`assignment\` (\`task\`);`);
    this.addSql(`create index \`assignment_uscc_index\` on \`assignment\` (\`uscc\`);`);
    this.addSql(`create unique index \`assignment_task_uscc_unique\` on \`assignment\` (\`task\`, \`uscc\`);`);

    this.addSql(
      `create table \`assignment_member\` (\`id\` integer not null primary key autoincrement, \`assignment\` text not null, \`task\` text not null, \`year\` integer not null, \`division\` text not null, \`inspector\` text not null);`,
    );
    this.addSql(`create index \`assignment_member_assignment_index\` on \`assignment_member\` (\`assignment\`);`);
    this.addSql(`create index \`assignment_member_division_inspector_year_index\` on \`assignment_member\` (\`division\`, \`inspector\`, \`year\`);`);

    this.addSql(
      `create table \`audit_entry\` (\`seq\` integer not null, \`at\` text not null, \`actor\` text not null, \`role\` text not null, \`division\` text null, \`action\` text not null, \`subject\` text not null, \`input_digest\` text not null, \`request_id\` text null, \`prev_hash\` text not null, \`hash\` text not null, primary key (\`seq\`));`,
    );
    this.addSql(`create index \`audit_entry_action_index\` on \`audit_entry\` (\`action\`);`);
    this.addSql(`create index \`audit_entry_subject_index\` on \`audit_entry\` (\`subject\`);`);

    this.addSql(
      `create table \`audit_head\` (\`id\` integer not null default 1, \`seq\` integer not null default 0, \`hash\` text not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`calendar_year\` (\`year\` integer not null, \`holidays\` text not null, \`workdays\` text not null, \`loaded_by\` text not null, \`loaded_at\` text not null, primary key (\`year\`));`,
    );

    this.addSql(
      `create table \`complaint\` (\`id\` integer not null primary key autoincrement, \`uscc\` text not null, \`summary\` text not null, \`received_on\` text not null, \`open\` integer not null, \`closed_on\` text null, \`filed_by\` text not null);`,
    );
    this.addSql(`create index \`complaint_uscc_index\` on \`complaint\` (\`uscc\`);`);

    this.addSql(`create table \`counter\` (\`key\` text not null, \`value\` integer not null, primary key (\`key\`));`);

    this.addSql(
      `create table \`credit_entry\` (\`id\` integer not null primary key autoincrement, \`uscc\` text not null, \`kind\` text not null, \`published_result\` integer null, \`publication\` text null, \`outcome\` text null, \`violation\` integer not null, \`date\` text not null, \`summary\` text not null, \`referred_to\` text null);`,
    );
    this.addSql(`create index \`credit_entry_date_index\` on \`credit_entry\` (\`date\`);`);
    this.addSql(`create index \`credit_entry_uscc_index\` on \`credit_entry\` (\`uscc\`);`);

    this.addSql(
      `create table \`draw\` (\`task\` text not null, \`drawn_at\` text not null, \`drawn_by\` text not null, \`algorithm\` text not null, \`beacon\` text not null, \`secret\` text not null, \`seed\` text not null, \`pool_digest\` text not null, \`pool_size\` integer not null, \`high_pool_size\` integer not null, \`selected_count\` integer not null, \`high_selected_count\` integer not null, \`excluded_count\` integer not null, \`record\` text not null, primary key (\`task\`));`,
    );

    this.addSql(
      `create table \`inspection_result\` (\`id\` integer not null primary key autoincrement, \`assignment\` text not null, \`task\` text not null, \`item_division\` text not null, \`item_code\` text not null, \`outcome\` text not null, \`findings\` text null, \`method\` text not null, \`inspected_on\` text not null, \`follow_up\` text not null, \`referred_to\` text null, \`disclosure\` text not null, \`recorded_by_division\` text not null, \`recorded_by\` text not null, \`recorded_at\` text not null, \`updated_at\` text not null);`,
    );
    this.addSql(`create index \`inspection_result_assignment_index\` on \`inspection_result\` (\`assignment\`);`);
    this.addSql(`create index \`inspection_result_task_index\` on \`inspection_result\` (\`task\`);`);
    this.addSql(
      `create unique index \`inspection_result_assignment_item_division_item_code_unique\` on \`inspection_result\` (\`assignment\`, \`item_division\`, \`item_code\`);`,
    );

    this.addSql(
      `create table \`inspection_task\` (\`id\` text not null, \`name\` text not null, \`year\` integer not null, \`kind\` text not null, \`status\` text not null, \`lead_division\` text not null, \`division_codes\` text not null, \`item_snapshots\` json not null, \`named_targets\` text not null, \`ratio_bp\` integer not null, \`high_risk_ratio_bp\` integer not null, \`inspectors_per_division\` integer not null, \`period_start\` text not null, \`period_end\` text not null, \`seed_commitment\` text null, \`secret\` text null, \`results_due_by\` text null, \`results_due_by_verified\` integer not null default true, \`created_by\` text not null, \`created_at\` text not null, \`committed_at\` text null, \`cancelled_at\` text null, \`cancel_reason\` text null, \`updated_at\` text not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`inspection_task_year_status_index\` on \`inspection_task\` (\`year\`, \`status\`);`);

    this.addSql(`create table \`market_entity\` (\`uscc\` text not null, \`name\` text null, \`updated_at\` text not null, primary key (\`uscc\`));`);

    this.addSql(
      `create table \`publication\` (\`id\` text not null, \`task\` text not null, \`lead_division\` text not null, \`year\` integer not null, \`number\` integer not null, \`title\` text not null, \`published_at\` text not null, \`result_count\` integer not null, \`withheld_count\` integer not null, \`due_by\` text not null, \`on_time\` integer not null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`publication_task_unique\` on \`publication\` (\`task\`);`);
    this.addSql(`create unique index \`publication_lead_division_year_number_unique\` on \`publication\` (\`lead_division\`, \`year\`, \`number\`);`);

    this.addSql(
      `create table \`published_result\` (\`id\` integer not null primary key autoincrement, \`publication\` text not null, \`title\` text not null, \`task\` text not null, \`year\` integer not null, \`result_id\` integer not null, \`uscc\` text not null, \`entity_name\` text not null, \`division\` text not null, \`division_name\` text not null, \`item_code\` text not null, \`item_name\` text not null, \`outcome\` text not null, \`findings\` text null, \`withheld_reason\` text null, \`disclosure\` text not null, \`follow_up\` text not null, \`referred_to\` text null, \`method\` text not null, \`inspected_on\` text not null, \`published_at\` text not null, \`amends\` integer null, \`amendment_reason\` text null);`,
    );
    this.addSql(`create index \`published_result_publication_index\` on \`published_result\` (\`publication\`);`);
    this.addSql(`create index \`published_result_published_at_index\` on \`published_result\` (\`published_at\`);`);
    this.addSql(`create index \`published_result_year_index\` on \`published_result\` (\`year\`);`);
    this.addSql(`create index \`published_result_uscc_index\` on \`published_result\` (\`uscc\`);`);

    this.addSql(
      `create table \`risk_flag\` (\`id\` integer not null primary key autoincrement, \`uscc\` text not null, \`flag\` text not null, \`active\` integer not null, \`source\` text not null, \`since\` text not null, \`until\` text null, \`updated_at\` text not null);`,
    );
    this.addSql(`create unique index \`risk_flag_uscc_flag_unique\` on \`risk_flag\` (\`uscc\`, \`flag\`);`);
  }
}
