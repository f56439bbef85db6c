import { Injectable, Logger } from '@nestjs/common';

export type VisitChangedListener = (appointmentId: string) => void | Promise<void>;

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

  /**
   * Tells every listener that the visit changed; call it after the change committed. Never
   * rejects: the change has happened whether or not anyone could be told.
   */
  async changed(appointmentId: string): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(appointmentId);
        } catch (error) {
          this.logger.error(`visit ${appointmentId} changed: a listener failed: ${error instanceof Error ? error.message : String(error)}`);
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
