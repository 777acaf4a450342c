ALTER TABLE "email_mailboxes" ADD COLUMN "idle_holder" text;--> statement-breakpoint
ALTER TABLE "email_mailboxes" ADD COLUMN "idle_until" timestamp with time zone;