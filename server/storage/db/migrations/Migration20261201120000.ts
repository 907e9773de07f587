import { Migration } from '@mikro-orm/migrations';

/**
 * The facts behind the attention and celebration lists, kept current after every write instead of worked
 * out from two years of charts at every read: `kpi_fact` holds, for each KPI, unit and month with something
 * to say, its reasons as bits; `fact_refresh` is the queue of what writes have made stale; `kpi_fact_basis`
 * records what each KPI's facts were worked out with, so a changed plugin has its facts worked out again. It
 * starts empty: every KPI's facts are worked out from what is stored at the next start.
 */
export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "kpi_fact" ("org_unit_id" int not null, "period" varchar(7) not null, "kpi_key" varchar(100) not null, "attention" smallint not null, "celebration" smallint not null, "calls_for_story" boolean not null, constraint "kpi_fact_pkey" primary key ("org_unit_id", "period", "kpi_key"));`,
    );
    this.addSql(
      `alter table "kpi_fact" add constraint "kpi_fact_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `create table "fact_refresh" ("id" serial primary key, "kpi_key" varchar(100) not null, "unit_ids" int[] null, "subtree_of" int null, "from_period" varchar(7) not null, "to_period" varchar(7) null, "requested_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create table "kpi_fact_basis" ("kpi_key" varchar(100) primary key, "fingerprint" text not null);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "kpi_fact_basis" cascade;`);
    this.addSql(`drop table if exists "fact_refresh" cascade;`);
    this.addSql(`drop table if exists "kpi_fact" cascade;`);
  }
}
