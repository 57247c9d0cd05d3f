import { Migration } from '@mikro-orm/migrations';

export class Migration20261201211850_GuestRegistrations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "lodging_hotel" ("uscc" varchar(18) not null, "division" varchar(16) not null, "name" varchar(200) not null, "licence_no" varchar(40) not null, "rooms" int not null, "connected_on" varchar(10) not null, constraint "lodging_hotel_pkey" primary key ("uscc"));`,
    );
    this.addSql(`create index "lodging_hotel_division_index" on "lodging_hotel" ("division");`);

    this.addSql(
      `create table "registration_month" ("uscc" varchar(18) not null, "month" varchar(7) not null, "registrations" int not null, "uploaded_late" int not null, "unregistered_found" int not null, constraint "registration_month_pkey" primary key ("uscc", "month"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "lodging_hotel" cascade;`);

    this.addSql(`drop table if exists "registration_month" cascade;`);
  }
}
