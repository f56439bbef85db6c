import { Injectable, Logger } from '@nestjs/common';

/** Why an account's sessions end before their tokens expire. */
export type AccountRevocation = 'signed-out' | 'deactivated' | 'credentials-changed';

export interface AccountRevokedEvent {
  userId: string;
  reason: AccountRevocation;
}

export type AccountRevokedListener = (event: AccountRevokedEvent) => void | Promise<void>;

/**
 * The seam between whoever ends an account's sessions (auth: sign-out, deactivation, a new
 * password) and whoever holds live connections for it (the signaling gateway), so that
 * neither depends on the other. Listeners run in this process; reaching the other API
 * processes is theirs to do (the gateway does it over the Socket.IO adapter).
 */
@Injectable()
export class AccountEvents {
  private readonly logger = new Logger(AccountEvents.name);
  private readonly listeners = new Set<AccountRevokedListener>();

  /**
   * Tells every listener that the user's tokens issued until now no longer hold. Call it after
   * the revocation is stored. Never rejects: a listener's failure is logged, not thrown at the
   * caller, whose own work (the sign-out) has already happened.
   */
  async revoked(userId: string, reason: AccountRevocation = 'signed-out'): Promise<void> {
    const event: AccountRevokedEvent = { userId, reason };
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error(`account ${userId} ${reason}: a listener failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }

  /** Subscribes to revocations; returns the unsubscribe function. */
  onRevoked(listener: AccountRevokedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
