import { Migration } from '@mikro-orm/migrations';

/**
 * The governance cycle's stored steps. The unique (org_unit_id, period) is what lets only one of two
 * concurrent sign-offs through; a cycle's actions are read by cycle_id.
 */
export class Migration20261126120200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "review_cycle" ("id" serial primary key, "org_unit_id" int not null, "period" varchar(7) not null, "signed_off_by" varchar(200) not null, "signed_off_at" timestamptz not null, "sign_off_comment" text not null, "refresh_note" text null, "refresh_focus_kpis" text[] not null default '{}', "refreshed_by" varchar(200) null, "refreshed_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "review_cycle" add constraint "review_cycle_org_unit_id_period_unique" unique ("org_unit_id", "period");`,
    );

    this.addSql(
      `create table "review_action" ("id" serial primary key, "cycle_id" int not null, "text" text not null, "owner" varchar(200) not null, "due_period" varchar(7) not null, "status" text not null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "review_action_cycle_id_index" on "review_action" ("cycle_id");`);

    this.addSql(
      `alter table "review_cycle" add constraint "review_cycle_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "review_action" add constraint "review_action_cycle_id_foreign" foreign key ("cycle_id") references "review_cycle" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "review_action" drop constraint "review_action_cycle_id_foreign";`);

    this.addSql(`drop table if exists "review_action" cascade;`);

    this.addSql(`drop table if exists "review_cycle" cascade;`);
  }
}
