-- What schema.prisma cannot express: the database itself refuses two overlapping
-- SCHEDULED appointments of one doctor, so two concurrent requests cannot double-book.
-- Half-open ranges: a visit ending at 10:00 and one starting at 10:00 do not overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "appointments"
  ADD CONSTRAINT "appointments_doctor_no_overlap"
  EXCLUDE USING gist ("doctor_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" = 'SCHEDULED');

ALTER TABLE "appointments"
  ADD CONSTRAINT "appointments_ends_after_start" CHECK ("ends_at" > "starts_at");
