import { Migration } from '@mikro-orm/migrations';

export class Migration20261202022234_ReviewBeforePublication extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`result_amendment\` (\`id\` integer not null primary key autoincrement, \`task\` text not null, \`assignment\` text not null, \`item_division\` text not null, \`item_code\` text not null, \`amends\` integer not null, \`outcome\` text not null, \`findings\` text null, \`method\` text not null, \`inspected_on\` text not null, \`follow_up\` text not null, \`referred_to\` text null, \`disclosure\` text not null, \`reason\` text not null, \`submitted_by\` text not null, \`submitted_by_name\` text null, \`submitted_by_division\` text null, \`submitted_by_inspector\` text null, \`submitted_at\` text not null, \`review_status\` text not null, \`reviewed_by\` text null, \`reviewed_by_name\` text null, \`reviewed_at\` text null, \`review_note\` text null, \`published_result\` integer null);`,
    );
    this.addSql(`create index \`result_amendment_task_index\` on \`result_amendment\` (\`task\`);`);
    this.addSql(
      `create index \`result_amendment_assignment_item_division_item_code_index\` on \`result_amendment\` (\`assignment\`, \`item_division\`, \`item_code\`);`,
    );

    this.addSql(`alter table \`inspection_result\` add column \`recorded_by_sub\` text null;`);
    this.addSql(`alter table \`inspection_result\` add column \`review_status\` text not null default 'PENDING';`);
    this.addSql(`alter table \`inspection_result\` add column \`reviewed_by\` text null;`);
    this.addSql(`alter table \`inspection_result\` add column \`reviewed_by_name\` text null;`);
    this.addSql(`alter table \`inspection_result\` add column \`reviewed_at\` text null;`);
    this.addSql(`alter table \`inspection_result\` add column \`review_note\` text null;`);

    // Results of tasks published before reviews were recorded were reviewed outside it: they count as approved,
    // with no reviewer named. Every other result (of a task still drawn) waits for a reviewer.
    this.addSql(
      `update \`inspection_result\` set \`review_status\` = 'APPROVED', \`review_note\` = '本系统记录法制审核之前已公示 (published before this system recorded reviews)' where \`task\` in (select \`id\` from \`inspection_task\` where \`status\` = 'PUBLISHED');`,
    );
  }
}
