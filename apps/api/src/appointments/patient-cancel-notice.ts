import { ApiError } from '../common/api-error';

/**
 * A patient may cancel online until `noticeMinutes` (PATIENT_CANCEL_NOTICE_MIN) before the start:
 * later, the doctor has kept the time free and may already be waiting, so the patient contacts the
 * clinic instead. 0 sets no limit: a scheduled visit may be cancelled until its call begins. Returns
 * the 409 to answer, or undefined when the cancel may go ahead.
 */
export function latePatientCancel(startsAt: Date, now: Date, noticeMinutes: number): ApiError | undefined {
  if (noticeMinutes === 0 || startsAt.getTime() - now.getTime() >= noticeMinutes * 60_000) return undefined;
  return ApiError.conflict(
    `This visit starts in less than ${noticeMinutes} minutes and can no longer be cancelled online: please call or contact the clinic to cancel it.`,
    'too_late',
  );
}
