import type { ErrorReason } from '@telehealth/contracts';

/** A refusal of the signaling server: its status, its sentence for people and its reason for programs. */
export class CallError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

/** Refusals that mean there is no visit to be in any more: the screen ends rather than fails. */
export const VISIT_GONE_REASONS: readonly ErrorReason[] = ['visit_ended', 'visit_cancelled', 'visit_missed'];
