import { Migration } from '@mikro-orm/migrations';

export class Migration20261128140434 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("seq" int not null, "at" varchar(32) not null, "actor" varchar(200) not null, "role" varchar(64) not null, "division" varchar(16) null, "action" varchar(64) not null, "subject" varchar(500) not null, "input_digest" varchar(64) not null, "request_id" varchar(64) null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("seq"));`,
    );
    this.addSql(`create index "audit_entry_action_index" on "audit_entry" ("action");`);
    this.addSql(`create index "audit_entry_subject_index" on "audit_entry" ("subject");`);

    this.addSql(
      `create table "audit_head" ("id" int not null default 1, "seq" int not null default 0, "hash" varchar(64) not null, constraint "audit_head_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "check_item" ("code" varchar(32) not null, "division" varchar(16) not null, "name" varchar(200) not null, "basis" text not null, "subject" varchar(200) not null, "target_category" varchar(100) not null, "ratio_bp" int not null, "times_per_year" int not null, "method" varchar(50) not null, "content" text not null, "required_expertise" varchar(100) null, "active" boolean not null, "updated_at" varchar(32) not null, constraint "check_item_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "check_item_target_category_index" on "check_item" ("target_category");`);

    this.addSql(
      `create table "conflict_declaration" ("id" serial primary key, "inspector" varchar(32) not null, "uscc" varchar(18) not null, "reason" varchar(500) not null, "declared_at" varchar(32) not null);`,
    );
    this.addSql(`create index "conflict_declaration_inspector_index" on "conflict_declaration" ("inspector");`);
    this.addSql(`alter table "conflict_declaration" add constraint "conflict_declaration_inspector_uscc_unique" unique ("inspector", "uscc");`);

    this.addSql(
      `create table "division_profile" ("code" varchar(16) not null, "name" varchar(100) not null, "created_at" varchar(32) not null, constraint "division_profile_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "inspector" ("id" varchar(32) not null, "division" varchar(16) not null, "name" varchar(50) not null, "unit" varchar(200) not null, "position" varchar(100) not null, "expertise" text not null, "certificate_no" varchar(50) not null, "certificate_valid_until" varchar(10) not null, "active" boolean not null, "updated_at" varchar(32) not null, constraint "inspector_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "inspector" add constraint "inspector_certificate_no_unique" unique ("certificate_no");`);

    this.addSql(
      `create table "plan_entry" ("id" serial primary key, "division" varchar(16) not null, "year" int not null, "name" varchar(200) not null, "items" text not null, "target_category" varchar(100) not null, "ratio_bp" int not null, "period_start" varchar(10) not null, "period_end" varchar(10) not null, "authority" varchar(200) not null, "updated_at" varchar(32) not null);`,
    );
    this.addSql(`create index "plan_entry_year_index" on "plan_entry" ("year");`);

    this.addSql(
      `create table "target" ("uscc" varchar(18) not null, "division" varchar(16) not null, "name" varchar(200) not null, "kind" varchar(32) not null, "scope" text not null, "address" varchar(300) not null, "categories" text not null, "status" varchar(32) not null, "uscc_verified" boolean not null, "updated_at" varchar(32) not null, constraint "target_pkey" primary key ("uscc"));`,
    );
    this.addSql(`create index "target_name_index" on "target" ("name");`);
    this.addSql(`create index "target_status_index" on "target" ("status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_head" cascade;`);

    this.addSql(`drop table if exists "check_item" cascade;`);

    this.addSql(`drop table if exists "conflict_declaration" cascade;`);

    this.addSql(`drop table if exists "division_profile" cascade;`);

    this.addSql(`drop table if exists "inspector" cascade;`);

    this.addSql(`drop table if exists "plan_entry" cascade;`);

    this.addSql(`drop table if exists "target" cascade;`);
  }
}
