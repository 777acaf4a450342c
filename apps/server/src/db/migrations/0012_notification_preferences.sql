ALTER TABLE "users" ADD COLUMN "notify_browser" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notify_sound" boolean DEFAULT true NOT NULL;