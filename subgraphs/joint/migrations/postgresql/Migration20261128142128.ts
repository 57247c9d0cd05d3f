import { Migration } from '@mikro-orm/migrations';

export class Migration20261128142128 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "assignment" ("id" varchar(48) not null, "task" varchar(32) not null, "year" int not null, "position" int not null, "uscc" varchar(18) not null, "entity_name" varchar(200) not null, "stratum" varchar(8) not null, "division_codes" text not null, "item_keys" jsonb not null, "team" jsonb not null, constraint "assignment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "assignment_task_index" on "assignment" ("task");`);
    this.addSql(`create index "assignment_uscc_index" on "assignment" ("uscc");`);
    this.addSql(`alter table "assignment" add constraint "assignment_task_uscc_unique" unique ("task", "uscc");`);

    this.addSql(
      `create table "assignment_member" ("id" serial primary key, "assignment" varchar(48) not null, "task" varchar(32) not null, "year" int not null, "division" varchar(16) not null, "inspector" varchar(32) not null);`,
    );
    this.addSql(`create index "assignment_member_assignment_index" on "assignment_member" ("assignment");`);
    this.addSql(`create index "assignment_member_division_inspector_year_index" on "assignment_member" ("division", "inspector", "year");`);

    this.addSql(
      `create table "audit_entry" ("seq" int not null, "at" varchar(32) not null, "actor" varchar(200) not null, "role" varchar(64) not null, "division" varchar(16) null, "action" varchar(64) not null, "subject" varchar(500) not null, "input_digest" varchar(64) not null, "request_id" varchar(64) null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("seq"));`,
    );
    this.addSql(`create index "audit_entry_action_index" on "audit_entry" ("action");`);
    this.addSql(`create index "audit_entry_subject_index" on "audit_entry" ("subject");`);

    this.addSql(
      `create table "audit_head" ("id" int not null default 1, "seq" int not null default 0, "hash" varchar(64) not null, constraint "audit_head_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "calendar_year" ("year" int not null, "holidays" text not null, "workdays" text not null, "loaded_by" varchar(200) not null, "loaded_at" varchar(32) not null, constraint "calendar_year_pkey" primary key ("year"));`,
    );

    this.addSql(
      `create table "complaint" ("id" serial primary key, "uscc" varchar(18) not null, "summary" text not null, "received_on" varchar(10) not null, "open" boolean not null, "closed_on" varchar(10) null, "filed_by" varchar(200) not null);`,
    );
    this.addSql(`create index "complaint_uscc_index" on "complaint" ("uscc");`);

    this.addSql(`create table "counter" ("key" varchar(64) not null, "value" int not null, constraint "counter_pkey" primary key ("key"));`);

    this.addSql(
      `create table "credit_entry" ("id" serial primary key, "uscc" varchar(18) not null, "kind" varchar(32) not null, "published_result" int null, "publication" varchar(48) null, "outcome" varchar(48) null, "violation" boolean not null, "date" varchar(10) not null, "summary" varchar(500) not null, "referred_to" varchar(200) null);`,
    );
    this.addSql(`create index "credit_entry_date_index" on "credit_entry" ("date");`);
    this.addSql(`create index "credit_entry_uscc_index" on "credit_entry" ("uscc");`);

    this.addSql(
      `create table "draw" ("task" varchar(32) not null, "drawn_at" varchar(32) not null, "drawn_by" varchar(100) not null, "algorithm" varchar(32) not null, "beacon" varchar(400) not null, "secret" varchar(64) not null, "seed" varchar(64) not null, "pool_digest" varchar(64) not null, "pool_size" int not null, "high_pool_size" int not null, "selected_count" int not null, "high_selected_count" int not null, "excluded_count" int not null, "record" text not null, constraint "draw_pkey" primary key ("task"));`,
    );

    this.addSql(
      `create table "inspection_result" ("id" serial primary key, "assignment" varchar(48) not null, "task" varchar(32) not null, "item_division" varchar(16) not null, "item_code" varchar(32) not null, "outcome" varchar(48) not null, "findings" text null, "method" varchar(50) not null, "inspected_on" varchar(10) not null, "follow_up" varchar(40) not null, "referred_to" varchar(200) null, "disclosure" varchar(24) not null, "recorded_by_division" varchar(16) not null, "recorded_by" varchar(32) not null, "recorded_at" varchar(32) not null, "updated_at" varchar(32) not null);`,
    );
    this.addSql(`create index "inspection_result_assignment_index" on "inspection_result" ("assignment");`);
    this.addSql(`create index "inspection_result_task_index" on "inspection_result" ("task");`);
    this.addSql(
      `alter table "inspection_result" add constraint "inspection_result_assignment_item_division_item_code_unique" unique ("assignment", "item_division", "item_code");`,
    );

    this.addSql(
      `create table "inspection_task" ("id" varchar(32) not null, "name" varchar(200) not null, "year" int not null, "kind" varchar(16) not null, "status" varchar(16) not null, "lead_division" varchar(16) not null, "division_codes" text not null, "item_snapshots" jsonb not null, "named_targets" text not null, "ratio_bp" int not null, "high_risk_ratio_bp" int not null, "inspectors_per_division" int not null, "period_start" varchar(10) not null, "period_end" varchar(10) not null, "seed_commitment" varchar(64) null, "secret" varchar(64) null, "results_due_by" varchar(10) null, "results_due_by_verified" boolean not null default true, "created_by" varchar(200) not null, "created_at" varchar(32) not null, "committed_at" varchar(32) null, "cancelled_at" varchar(32) null, "cancel_reason" varchar(500) null, "updated_at" varchar(32) not null, constraint "inspection_task_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "inspection_task_year_status_index" on "inspection_task" ("year", "status");`);

    this.addSql(
      `create table "market_entity" ("uscc" varchar(18) not null, "name" varchar(200) null, "updated_at" varchar(32) not null, constraint "market_entity_pkey" primary key ("uscc"));`,
    );

    this.addSql(
      `create table "publication" ("id" varchar(48) not null, "task" varchar(32) not null, "lead_division" varchar(16) not null, "year" int not null, "number" int not null, "title" varchar(200) not null, "published_at" varchar(32) not null, "result_count" int not null, "withheld_count" int not null, "due_by" varchar(10) not null, "on_time" boolean not null, constraint "publication_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "publication" add constraint "publication_task_unique" unique ("task");`);
    this.addSql(`alter table "publication" add constraint "publication_lead_division_year_number_unique" unique ("lead_division", "year", "number");`);

    this.addSql(
      `create table "published_result" ("id" serial primary key, "publication" varchar(48) not null, "title" varchar(200) not null, "task" varchar(32) not null, "year" int not null, "result_id" int not null, "uscc" varchar(18) not null, "entity_name" varchar(200) not null, "division" varchar(16) not null, "division_name" varchar(100) not null, "item_code" varchar(32) not null, "item_name" varchar(200) not null, "outcome" varchar(48) not null, "findings" text null, "withheld_reason" varchar(200) null, "disclosure" varchar(24) not null, "follow_up" varchar(40) not null, "referred_to" varchar(200) null, "method" varchar(50) not null, "inspected_on" varchar(10) not null, "published_at" varchar(32) not null, "amends" int null, "amendment_reason" varchar(500) null);`,
    );
    this.addSql(`create index "published_result_publication_index" on "published_result" ("publication");`);
    this.addSql(`create index "published_result_published_at_index" on "published_result" ("published_at");`);
    this.addSql(`create index "published_result_year_index" on "published_result" ("year");`);
    this.addSql(`create index "published_result_uscc_index" on "published_result" ("uscc");`);

    this.addSql(
      `create table "risk_flag" ("id" serial primary key, "uscc" varchar(18) not null, "flag" varchar(40) not null, "active" boolean not null, "source" varchar(300) not null, "since" varchar(10) not null, "until" varchar(10) null, "updated_at" varchar(32) not null);`,
    );
    this.addSql(`alter table "risk_flag" add constraint "risk_flag_uscc_flag_unique" unique ("uscc", "flag");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "assignment" cascade;`);

    this.addSql(`drop table if exists "assignment_member" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_head" cascade;`);

    this.addSql(`drop table if exists "calendar_year" cascade;`);

    this.addSql(`drop table if exists "complaint" cascade;`);

    this.addSql(`drop table if exists "counter" cascade;`);

    this.addSql(`drop table if exists "credit_entry" cascade;`);

    this.addSql(`drop table if exists "draw" cascade;`);

    this.addSql(`drop table if exists "inspection_result" cascade;`);

    this.addSql(`drop table if exists "inspection_task" cascade;`);

    this.addSql(`drop table if exists "market_entity" cascade;`);

    this.addSql(`drop table if exists "publication" cascade;`);

    this.addSql(`drop table if exists "published_result" cascade;`);

    this.addSql(`drop table if exists "risk_flag" cascade;`);
  }
}
