import { Injectable, Logger } from '@nestjs/common';
import type { MediaState } from '@telehealth/contracts';
import { VisitLifecycleService } from '../visits/visit-lifecycle.service';
import { VisitRepository } from '../visits/visit.repository';
import { AnnouncedMedia, announcedMedia, mediaChanges, mediaFromTimeline } from './media-changes';
import { currentMembership, Membership, SignalingSocket } from './membership';
import { SignalingDrain } from './signaling-drain.service';

/**
 * Puts camera and screen-share changes on the visit's timeline (VIDEO_OFF, VIDEO_ON,
 * SCREEN_SHARE_STARTED, SCREEN_SHARE_STOPPED): the visit record and the PDF say from them how long
 * the call ran with video and audio only. Runs beside the relay of `media-state`, which stays
 * synchronous and I/O-free: the acknowledgement never waits for these writes, and a failed one is
 * only logged. Each seat's announcements are written one after another, in the order they came.
 */
@Injectable()
export class MediaTimeline {
  private readonly logger = new Logger('Signaling');
  private readonly queues = new WeakMap<Membership, Promise<void>>();

  constructor(
    private readonly visits: VisitRepository,
    private readonly lifecycle: VisitLifecycleService,
    private readonly drain: SignalingDrain,
  ) {}

  /** A `media-state` the relay accepted: whatever changed goes on the timeline, stamped with the moment it arrived. */
  follow(socket: SignalingSocket, state: MediaState): void {
    const membership = currentMembership(socket);
    if (!membership) return;
    const media = announcedMedia(state);
    const at = new Date();
    const queued = (this.queues.get(membership) ?? Promise.resolve())
      .then(() => this.write(membership, media, at))
      .catch((error: unknown) => {
        // The error's message only: no detail of the visit or the person.
        this.logger.error(`media timeline write failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    this.queues.set(membership, queued);
    void this.drain.track(queued);
  }

  private async write(membership: Membership, media: AnnouncedMedia, at: Date): Promise<void> {
    const userId = membership.self.userId;
    // A seat's first announcement compares with its timeline: after a join, camera on; after a drop, as it was.
    const atJoin = membership.media === undefined;
    const before = membership.media ?? mediaFromTimeline(await this.visits.latestMedia(membership.sessionId, userId));
    membership.media = media;
    const changes = mediaChanges(before, media, atJoin);
    if (changes.length > 0)
      await this.lifecycle.record(
        membership.sessionId,
        changes.map((change) => ({ ...change, userId })),
        at,
      );
  }
}
