import { Migration } from '@mikro-orm/migrations';

export class Migration20261126120100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "tier_threshold_setting" ("id" serial primary key, "kpi_key" varchar(100) not null, "org_unit_id" int not null, "from_period" varchar(7) not null, "essential" double precision null, "desirable" double precision null, "aspirational" double precision null, "breakthrough" double precision null, "reset" boolean not null, "set_by" varchar(200) not null, "set_at" timestamptz not null, "reason" text null);`,
    );
    this.addSql(
      `create index "tier_threshold_setting_kpi_key_org_unit_id_from_period_index" on "tier_threshold_setting" ("kpi_key", "org_unit_id", "from_period");`,
    );

    this.addSql(
      `alter table "tier_threshold_setting" add constraint "tier_threshold_setting_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tier_threshold_setting" cascade;`);
  }
}
