-- A visit is a video call or an audio call (issue 19: the choice offered when starting an instant visit).
CREATE TYPE "CallMedia" AS ENUM ('video', 'audio');
ALTER TABLE "appointments" ADD COLUMN "media" "CallMedia" NOT NULL DEFAULT 'video';
