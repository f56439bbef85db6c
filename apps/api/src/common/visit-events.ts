import { Injectable, Logger } from '@nestjs/common';

export type VisitChangedListener = (appointmentId: string) => void | Promise<void>;
/** A guest the doctor removed (REST or in the call): their seat and sockets go, wherever they are. */
export type GuestRemovedListener = (removal: { appointmentId: string; guestId: string }) => void | Promise<void>;

/**
 * The seam between whoever changes a visit (booking changes over REST, the room starting or
 * ending its call, the no-show sweep) and whoever tells the people connected right now (the
 * signaling gateway's `visit-updated`), so that neither depends on the other. Like AccountEvents:
 * listeners run in this process; reaching the other API processes is theirs to do.
 */
@Injectable()
export class VisitEvents {
  private readonly logger = new Logger(VisitEvents.name);
  private readonly listeners = new Set<VisitChangedListener>();
  private readonly guestRemovedListeners = new Set<GuestRemovedListener>();

  /**
   * Tells every listener that the visit changed; call it after the change committed. Never
   * rejects: the change has happened whether or not anyone could be told.
   */
  changed(appointmentId: string): Promise<void> {
    return this.tell(this.listeners, appointmentId, `visit ${appointmentId} changed`);
  }

  /** Tells every listener that a guest was removed from the visit (after the removal committed). Never rejects. */
  guestRemoved(removal: { appointmentId: string; guestId: string }): Promise<void> {
    return this.tell(this.guestRemovedListeners, removal, `guest removed from visit ${removal.appointmentId}`);
  }

  onGuestRemoved(listener: GuestRemovedListener): () => void {
    this.guestRemovedListeners.add(listener);
    return () => this.guestRemovedListeners.delete(listener);
  }

  private async tell<T>(listeners: Set<(value: T) => void | Promise<void>>, value: T, what: string): Promise<void> {
    await Promise.all(
      [...listeners].map(async (listener) => {
        try {
          await listener(value);
        } catch (error) {
          this.logger.error(`${what}: a listener failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }

  /** Subscribes; returns the unsubscribe function. */
  onChanged(listener: VisitChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
