-- Each person's language (issue 17): the web app, emails, calendar text and reports are written in it.
CREATE TYPE "Language" AS ENUM ('en', 'es', 'ar');
ALTER TABLE "users" ADD COLUMN "language" "Language" NOT NULL DEFAULT 'en';
