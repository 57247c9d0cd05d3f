import { Migration } from '@mikro-orm/migrations';

export class Migration20261202051712_CreditClasses extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`credit_class\` (\`id\` integer not null primary key autoincrement, \`uscc\` text not null, \`risk_class\` text not null, \`source\` text not null, \`assessed_on\` text not null, \`recorded_by\` text not null, \`recorded_by_name\` text not null, \`recorded_at\` text not null);`,
    );
    this.addSql(`create index \`credit_class_assessed_on_index\` on \`credit_class\` (\`assessed_on\`);`);
    this.addSql(`create index \`credit_class_uscc_assessed_on_index\` on \`credit_class\` (\`uscc\`, \`assessed_on\`);`);
  }
}
