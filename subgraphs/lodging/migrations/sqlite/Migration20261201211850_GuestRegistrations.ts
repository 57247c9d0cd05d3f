import { Migration } from '@mikro-orm/migrations';

export class Migration20261201211850_GuestRegistrations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`lodging_hotel\` (\`uscc\` text not null, \`division\` text not null, \`name\` text not null, \`licence_no\` text not null, \`rooms\` integer not null, \`connected_on\` text not null, primary key (\`uscc\`));`,
    );
    this.addSql(`create index \`lodging_hotel_division_index\` on \`lodging_hotel\` (\`division\`);`);

    this.addSql(
      `create table \`registration_month\` (\`uscc\` text not null, \`month\` text not null, \`registrations\` integer not null, \`uploaded_late\` integer not null, \`unregistered_found\` integer not null, primary key (\`uscc\`, \`month\`));`,
    );
  }
}
