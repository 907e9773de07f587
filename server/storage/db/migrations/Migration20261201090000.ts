import { Migration } from '@mikro-orm/migrations';

/**
 * Facts that reads at the size of an integrated care system take from one row instead of a scan:
 * - each roll-up's counts to date of the collecting units that submitted every month of its quarter,
 *   financial year and calendar year so far, so `reporting` for a longer period is read off its last month;
 * - the months of each year a unit has submitted a KPI for, as bits, from which those counts are kept;
 * - each unit's subtree counted by level and tags, so `expected` is read, not counted.
 * All are backfilled from what is stored.
 *
 * Every import pays for each index on the tables it writes, so they keep only what reads use: observations are
 * read by KPI, unit and month (their index by KPI and month goes, and the idempotency key is indexed only where
 * there is one), and roll-ups by unit and month, so one key in that order serves every read. A live change's
 * units become plain JSON of arrays, which an import builds for a whole tree many times faster.
 */
export class Migration20261201090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "observation_kpi_key_period_index";`);
    this.addSql(
      `alter table "observation" drop constraint "observation_submitted_by_idempotency_key_unique";`,
    );
    this.addSql(
      `create unique index "observation_submitted_by_idempotency_key_unique" on "observation" ("submitted_by", "idempotency_key") where "idempotency_key" is not null;`,
    );
    this.addSql(`drop index "rollup_org_unit_id_period_index";`);
    // Live changes are read once, as they commit: those of the old shape are of no use to anyone now.
    this.addSql(`delete from "kpi_change";`);
    this.addSql(`alter table "kpi_change" alter column "units" type json using "units"::json;`);
    this.addSql(`alter table "rollup" drop constraint "rollup_pkey";`);
    this.addSql(
      `alter table "rollup" add constraint "rollup_pkey" primary key ("org_unit_id", "period", "kpi_key");`,
    );
    this.addSql(
      `alter table "rollup" add column "reporting_quarter" int not null default 0, add column "reporting_financial_year" int not null default 0, add column "reporting_year" int not null default 0;`,
    );
    this.addSql(`
      with reported as (
        select distinct kpi_key, org_unit_id, period,
          substr(period, 1, 4)::int as year, substr(period, 6, 2)::int as month
        from observation
      ),
      to_date as (
        select kpi_key, org_unit_id, period,
          (count(*) over (partition by kpi_key, org_unit_id, year, (month - 1) / 3 order by period) = (month - 1) % 3 + 1)::int as quarter,
          (count(*) over (partition by kpi_key, org_unit_id, year - (month < 4)::int order by period) = (month + 8) % 12 + 1)::int as financial_year,
          (count(*) over (partition by kpi_key, org_unit_id, year order by period) = month)::int as calendar_year
        from reported
      ),
      by_unit as (
        select to_date.kpi_key, ancestor.id::int as org_unit_id, to_date.period,
          sum(quarter) as quarter, sum(financial_year) as financial_year, sum(calendar_year) as calendar_year
        from to_date
        join org_unit submitter on submitter.id = to_date.org_unit_id
        cross join lateral unnest(string_to_array(rtrim(submitter.path, '.'), '.')) as ancestor(id)
        group by 1, 2, 3
      )
      update rollup set reporting_quarter = by_unit.quarter, reporting_financial_year = by_unit.financial_year,
        reporting_year = by_unit.calendar_year
      from by_unit
      where rollup.kpi_key = by_unit.kpi_key and rollup.org_unit_id = by_unit.org_unit_id and rollup.period = by_unit.period;`);

    this.addSql(
      `create table "reported_months" ("kpi_key" varchar(100) not null, "org_unit_id" int not null, "year" int not null, "months" int not null, constraint "reported_months_pkey" primary key ("org_unit_id", "year", "kpi_key")) with (fillfactor = 70);`,
    );
    this.addSql(
      `alter table "reported_months" add constraint "reported_months_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`
      insert into reported_months (kpi_key, org_unit_id, year, months)
      select kpi_key, org_unit_id, substr(period, 1, 4)::int, bit_or(1 << (substr(period, 6, 2)::int - 1))
      from observation where version = 1
      group by 1, 2, 3;`);

    this.addSql(
      `create table "subtree_unit_count" ("org_unit_id" int not null, "level" text not null, "tags" text[] not null, "units" int not null, constraint "subtree_unit_count_pkey" primary key ("org_unit_id", "level", "tags"));`,
    );
    this.addSql(
      `alter table "subtree_unit_count" add constraint "subtree_unit_count_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`
      insert into subtree_unit_count (org_unit_id, level, tags, units)
      select ancestor.id::int, member.level, member.tags, count(*)
      from org_unit member
      cross join lateral unnest(string_to_array(rtrim(member.path, '.'), '.')) as ancestor(id)
      group by 1, 2, 3;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "observation_kpi_key_period_index" on "observation" ("kpi_key", "period");`);
    this.addSql(`drop index "observation_submitted_by_idempotency_key_unique";`);
    this.addSql(
      `alter table "observation" add constraint "observation_submitted_by_idempotency_key_unique" unique ("submitted_by", "idempotency_key");`,
    );
    this.addSql(`alter table "rollup" drop constraint "rollup_pkey";`);
    this.addSql(
      `alter table "rollup" add constraint "rollup_pkey" primary key ("kpi_key", "org_unit_id", "period");`,
    );
    this.addSql(`create index "rollup_org_unit_id_period_index" on "rollup" ("org_unit_id", "period");`);
    this.addSql(`delete from "kpi_change";`);
    this.addSql(`alter table "kpi_change" alter column "units" type jsonb using "units"::jsonb;`);
    this.addSql(`drop table if exists "subtree_unit_count" cascade;`);
    this.addSql(`drop table if exists "reported_months" cascade;`);
    this.addSql(
      `alter table "rollup" drop column "reporting_quarter", drop column "reporting_financial_year", drop column "reporting_year";`,
    );
  }
}
