-- AlterEnum
ALTER TYPE "SessionEventType" ADD VALUE 'VIDEO_OFF';
ALTER TYPE "SessionEventType" ADD VALUE 'VIDEO_ON';
ALTER TYPE "SessionEventType" ADD VALUE 'SCREEN_SHARE_STARTED';
ALTER TYPE "SessionEventType" ADD VALUE 'SCREEN_SHARE_STOPPED';
ALTER TYPE "SessionEventType" ADD VALUE 'CALL_VERIFIED';

-- CreateTable
CREATE TABLE "call_stats_samples" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "peer_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "rtt_ms" DOUBLE PRECISION,
    "loss_pct" DOUBLE PRECISION,
    "reconnects" INTEGER NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_stats_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "call_stats_samples_session_id_idx" ON "call_stats_samples"("session_id");

-- AddForeignKey
ALTER TABLE "call_stats_samples" ADD CONSTRAINT "call_stats_samples_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
