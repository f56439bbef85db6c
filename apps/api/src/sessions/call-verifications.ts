import type { CallVerification } from '@telehealth/contracts';
import type { CallEvent } from './call-event';

/**
 * The pairs the doctor marked verified (CALL_VERIFIED entries), oldest first, with both people's
 * names: the entry's own name for the doctor, else the visit's people (`names`: doctor, patient, guests).
 */
export function callVerifications(events: CallEvent[], names: ReadonlyMap<string, string>): CallVerification[] {
  return events
    .filter((event) => event.type === 'CALL_VERIFIED' && event.userId !== null && event.detail?.peer && event.detail.code)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((event) => {
      const doctorId = event.userId!;
      const peerId = event.detail!.peer!;
      return {
        code: event.detail!.code!,
        verifiedAt: event.at.toISOString(),
        verifiedBy: { id: doctorId, name: event.userName ?? names.get(doctorId) ?? 'Someone' },
        peer: { id: peerId, name: names.get(peerId) ?? 'Someone' },
      };
    });
}
