import { Migration } from '@mikro-orm/migrations';

export class Migration20261202052028_DrawPoolFirst extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`task_pool\` (\`task\` text not null, \`as_of\` text not null, \`digest\` text not null, \`counts\` json not null, \`inspector_count\` integer not null, \`pool_key\` text not null, \`public_pool\` text not null, \`clear_pool\` text not null, \`created_at\` text not null, primary key (\`task\`));`,
    );

    this.addSql(`alter table \`assignment\` add column \`risk_class\` text null;`);

    this.addSql(`alter table \`draw\` add column \`full_record\` text null;`);

    this.addSql(`alter table \`inspection_task\` add column \`class_ratios\` json null;`);
    this.addSql(`alter table \`inspection_task\` add column \`beacon_source\` text null;`);
    this.addSql(`alter table \`inspection_task\` add column \`beacon_date\` text null;`);
  }
}
