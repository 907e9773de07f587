import { Migration } from '@mikro-orm/migrations';

export class Migration20261126075901 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "kpi_change" ("id" serial primary key, "kpi_key" varchar(100) not null, "period" varchar(7) not null, "units" jsonb not null, "committed_at" timestamptz not null default now());`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "kpi_change" cascade;`);
  }
}
