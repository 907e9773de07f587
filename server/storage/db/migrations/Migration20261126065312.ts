import { Migration } from '@mikro-orm/migrations';

export class Migration20261126065312 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "org_unit" ("id" serial primary key, "code" varchar(64) not null, "name" varchar(200) not null, "level" text not null, "parent_id" int null, "path" text not null, "tags" text[] not null default '{}', "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "org_unit" add constraint "org_unit_code_unique" unique ("code");`);
    this.addSql(`create index "org_unit_path_prefix" on "org_unit" ("path" text_pattern_ops);`);

    this.addSql(
      `create table "observation" ("id" serial primary key, "kpi_key" varchar(100) not null, "org_unit_id" int not null, "period" varchar(7) not null, "version" int not null, "values" jsonb not null, "submitted_by" varchar(200) not null, "submitted_at" timestamptz not null, "idempotency_key" varchar(200) null);`,
    );
    this.addSql(`create index "observation_kpi_key_period_index" on "observation" ("kpi_key", "period");`);
    this.addSql(
      `alter table "observation" add constraint "observation_submitted_by_idempotency_key_unique" unique ("submitted_by", "idempotency_key");`,
    );
    this.addSql(
      `alter table "observation" add constraint "observation_kpi_key_org_unit_id_period_version_unique" unique ("kpi_key", "org_unit_id", "period", "version");`,
    );

    this.addSql(
      `create table "rollup" ("kpi_key" varchar(100) not null, "org_unit_id" int not null, "period" varchar(7) not null, "sums" jsonb not null, "reporting" int not null, constraint "rollup_pkey" primary key ("kpi_key", "org_unit_id", "period"));`,
    );
    this.addSql(`create index "rollup_org_unit_id_period_index" on "rollup" ("org_unit_id", "period");`);

    this.addSql(
      `alter table "org_unit" add constraint "org_unit_parent_id_foreign" foreign key ("parent_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "observation" add constraint "observation_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "rollup" add constraint "rollup_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "org_unit" drop constraint "org_unit_parent_id_foreign";`);

    this.addSql(`alter table "observation" drop constraint "observation_org_unit_id_foreign";`);

    this.addSql(`alter table "rollup" drop constraint "rollup_org_unit_id_foreign";`);

    this.addSql(`drop table if exists "org_unit" cascade;`);

    this.addSql(`drop table if exists "observation" cascade;`);

    this.addSql(`drop table if exists "rollup" cascade;`);
  }
}
