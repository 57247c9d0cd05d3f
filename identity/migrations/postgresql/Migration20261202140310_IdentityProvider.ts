import { Migration } from '@mikro-orm/migrations';

export class Migration20261202140310_IdentityProvider extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "account" ("username" varchar(64) not null, "display_name" varchar(200) not null, "roles" jsonb not null, "division" varchar(16) null, "inspector_id" varchar(64) null, "password_hash" varchar(200) not null, "failed_attempts" int not null default 0, "locked_until" timestamptz null, "disabled" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "account_pkey" primary key ("username"));`,
    );

    this.addSql(
      `create table "account_audit" ("id" serial primary key, "at" timestamptz not null, "actor" varchar(64) not null, "action" varchar(32) not null, "account" varchar(64) not null, "detail" jsonb null);`,
    );
    this.addSql(`create index "account_audit_at_index" on "account_audit" ("at");`);
    this.addSql(`create index "account_audit_account_index" on "account_audit" ("account");`);

    this.addSql(
      `create table "provider_record" ("model" varchar(64) not null, "id" varchar(128) not null, "payload" jsonb not null, "grant_id" varchar(128) null, "uid" varchar(128) null, "user_code" varchar(128) null, "expires_at" timestamptz null, "consumed_at" timestamptz null, constraint "provider_record_pkey" primary key ("model", "id"));`,
    );
    this.addSql(`create index "provider_record_expires_at_index" on "provider_record" ("expires_at");`);
    this.addSql(`create index "provider_record_uid_index" on "provider_record" ("uid");`);
    this.addSql(`create index "provider_record_grant_id_index" on "provider_record" ("grant_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "account_audit" cascade;`);

    this.addSql(`drop table if exists "provider_record" cascade;`);
  }
}
