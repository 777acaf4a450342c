CREATE TABLE "contact_merges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"kept_contact_id" bigint NOT NULL,
	"merged_contact_id" bigint NOT NULL,
	"trigger" text NOT NULL,
	"actor_user_id" bigint,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"split_at" timestamp with time zone,
	"split_by" bigint
);
--> statement-breakpoint
CREATE TABLE "merge_suggestions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "merge_suggestions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"contact_a_id" bigint NOT NULL,
	"contact_b_id" bigint NOT NULL,
	"reason_kind" text NOT NULL,
	"reason_value" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dismissed_by" bigint,
	"dismissed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_suggestions_ordered" CHECK ("merge_suggestions"."contact_a_id" < "merge_suggestions"."contact_b_id")
);
--> statement-breakpoint
DROP INDEX "contact_identifiers_uq";--> statement-breakpoint
DROP INDEX "contact_identifiers_lookup_idx";--> statement-breakpoint
ALTER TABLE "contact_identifiers" ADD COLUMN "key" text;--> statement-breakpoint
UPDATE "contact_identifiers" SET "key" = CASE WHEN "kind" = 'email' THEN lower("value") ELSE "value" END;--> statement-breakpoint
ALTER TABLE "contact_identifiers" ALTER COLUMN "key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "merged_into_id" bigint;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_kept_contact_id_contacts_id_fk" FOREIGN KEY ("kept_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_merged_contact_id_contacts_id_fk" FOREIGN KEY ("merged_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_split_by_users_id_fk" FOREIGN KEY ("split_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_contact_a_id_contacts_id_fk" FOREIGN KEY ("contact_a_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_contact_b_id_contacts_id_fk" FOREIGN KEY ("contact_b_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_merges_kept_idx" ON "contact_merges" USING btree ("kept_contact_id","id");--> statement-breakpoint
CREATE INDEX "contact_merges_merged_idx" ON "contact_merges" USING btree ("merged_contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merge_suggestions_pair_uq" ON "merge_suggestions" USING btree ("contact_a_id","contact_b_id");--> statement-breakpoint
CREATE INDEX "merge_suggestions_ws_status_idx" ON "merge_suggestions" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "merge_suggestions_b_idx" ON "merge_suggestions" USING btree ("contact_b_id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_merged_into_id_contacts_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_identifiers_uq" ON "contact_identifiers" USING btree ("contact_id","kind","key");--> statement-breakpoint
CREATE INDEX "contact_identifiers_lookup_idx" ON "contact_identifiers" USING btree ("workspace_id","kind","key");