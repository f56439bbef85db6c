-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "visit_links" (
    "id" UUID NOT NULL,
    "appointment_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "redeemable_until" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visit_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "visit_links_token_hash_key" ON "visit_links"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "visit_links_code_hash_key" ON "visit_links"("code_hash");

-- CreateIndex
CREATE INDEX "visit_links_appointment_id_idx" ON "visit_links"("appointment_id");

-- AddForeignKey
ALTER TABLE "visit_links" ADD CONSTRAINT "visit_links_appointment_id_fkey" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_links" ADD CONSTRAINT "visit_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
