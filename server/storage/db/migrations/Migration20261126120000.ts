import { Migration } from '@mikro-orm/migrations';

/**
 * Stories and their revisions. A unit's stories are read by (org_unit_id, period); a subtree's through
 * org_unit's path prefix index and then the same index, or, for a subtree as large as the whole tree,
 * by (period, org_unit_id).
 */
export class Migration20261126120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "story" ("id" serial primary key, "org_unit_id" int not null, "period" varchar(7) not null, "kpi_key" varchar(100) null, "kind" text not null, "text" text not null, "author" varchar(200) not null, "version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "story_org_unit_id_period_index" on "story" ("org_unit_id", "period");`);
    this.addSql(`create index "story_period_org_unit_id_index" on "story" ("period", "org_unit_id");`);

    this.addSql(
      `create table "story_revision" ("id" serial primary key, "story_id" int not null, "version" int not null, "kind" text not null, "text" text not null, "edited_by" varchar(200) not null, "edited_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "story_revision" add constraint "story_revision_story_id_version_unique" unique ("story_id", "version");`,
    );

    this.addSql(
      `alter table "story" add constraint "story_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "story_revision" add constraint "story_revision_story_id_foreign" foreign key ("story_id") references "story" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "story_revision" drop constraint "story_revision_story_id_foreign";`);

    this.addSql(`drop table if exists "story_revision" cascade;`);

    this.addSql(`drop table if exists "story" cascade;`);
  }
}
