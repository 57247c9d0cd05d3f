import { Migration } from '@mikro-orm/migrations';

export class Migration20261202140310_IdentityProvider extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`account\` (\`username\` text not null, \`display_name\` text not null, \`roles\` json not null, \`division\` text null, \`inspector_id\` text null, \`password_hash\` text not null, \`failed_attempts\` integer not null default 0, \`locked_until\` datetime null, \`disabled\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`username\`));`,
    );

    this.addSql(
      `create table \`account_audit\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor\` text not null, \`action\` text not null, \`account\` text not null, \`detail\` json null);`,
    );
    this.addSql(`create index \`account_audit_at_index\` on \`account_audit\` (\`at\`);`);
    this.addSql(`create index \`account_audit_account_index\` on \`account_audit\` (\`account\`);`);

    this.addSql(
      `create table \`provider_record\` (\`model\` text not null, \`id\` text not null, \`payload\` json not null, \`grant_id\` text null, \`uid\` text null, \`user_code\` text null, \`expires_at\` datetime null, \`consumed_at\` datetime null, primary key (\`model\`, \`id\`));`,
    );
    this.addSql(`create index \`provider_record_expires_at_index\` on \`provider_record\` (\`expires_at\`);`);
    this.addSql(`create index \`provider_record_uid_index\` on \`provider_record\` (\`uid\`);`);
    this.addSql(`create index \`provider_record_grant_id_index\` on \`provider_record\` (\`grant_id\`);`);
  }
}
