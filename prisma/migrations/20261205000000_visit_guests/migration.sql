-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'GUEST';

-- CreateEnum
CREATE TYPE "GuestRole" AS ENUM ('INTERPRETER', 'CAREGIVER', 'CLINICIAN', 'OTHER');

-- CreateTable
CREATE TABLE "visit_guests" (
    "id" UUID NOT NULL,
    "appointment_id" UUID NOT NULL,
    "role" "GuestRole" NOT NULL,
    "email" TEXT,
    "invited_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "visit_guests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "visit_guests_appointment_id_idx" ON "visit_guests"("appointment_id");

-- AddForeignKey
ALTER TABLE "visit_guests" ADD CONSTRAINT "visit_guests_id_fkey" FOREIGN KEY ("id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_guests" ADD CONSTRAINT "visit_guests_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_guests" ADD CONSTRAINT "visit_guests_appointment_id_fkey" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
