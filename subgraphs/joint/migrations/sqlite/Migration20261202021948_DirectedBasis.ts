import { Migration } from '@mikro-orm/migrations';

export class Migration20261202021948_DirectedBasis extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`directed_target\` (\`id\` integer not null primary key autoincrement, \`task\` text not null, \`uscc\` text not null, \`basis\` text not null, \`complaint\` integer null, \`reference\` text null, \`note\` text null);`,
    );
    this.addSql(`create index \`directed_target_basis_index\` on \`directed_target\` (\`basis\`);`);
    this.addSql(`create unique index \`directed_target_task_uscc_unique\` on \`directed_target\` (\`task\`, \`uscc\`);`);
  }
}
