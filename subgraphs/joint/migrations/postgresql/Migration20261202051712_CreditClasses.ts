import { Migration } from '@mikro-orm/migrations';

export class Migration20261202051712_CreditClasses extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "credit_class" ("id" serial primary key, "uscc" varchar(18) not null, "risk_class" varchar(1) not null, "source" varchar(200) not null, "assessed_on" varchar(10) not null, "recorded_by" varchar(200) not null, "recorded_by_name" varchar(200) not null, "recorded_at" varchar(32) not null);`,
    );
    this.addSql(`create index "credit_class_assessed_on_index" on "credit_class" ("assessed_on");`);
    this.addSql(`create index "credit_class_uscc_assessed_on_index" on "credit_class" ("uscc", "assessed_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credit_class" cascade;`);
  }
}
