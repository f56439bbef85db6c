import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { VisitGuestsModule } from '../visit-guests/visit-guests.module';
import { VisitsModule } from '../visits/visits.module';
import { CallStatsRepository } from './call-stats.repository';
import { CallStatsService } from './call-stats.service';
import { CallVerification } from './call-verification.service';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';
import { EventRunner } from './event-runner';
import { graceDeadlinesProvider } from './grace-deadlines';
import { GuestAdmission } from './guest-admission.service';
import { GuestRemoval } from './guest-removal.service';
import { JoinAuthorization } from './join-authorization.service';
import { MediaTimeline } from './media-timeline.service';
import { nodeLeasesProvider } from './node-leases';
import { RelayService } from './relay.service';
import { RoomCloser } from './room-closer.service';
import { RoomEffects } from './room-effects.service';
import { RoomMembership } from './room-membership.service';
import { RoomStates } from './room-states';
import { RoomStatsService } from './room-stats.service';
import { SeatRelease } from './seat-release.service';
import { SignalingDrain } from './signaling-drain.service';
import { SignalingGateway } from './signaling.gateway';
import { SignalingNamespace } from './signaling-namespace';
import { SocketConnections } from './socket-connections.service';
import { SocketSessions } from './socket-sessions';
import { stateStoreProvider } from './state-store';
import { VisitUpdates } from './visit-updates.service';
import { WaitingMessages } from './waiting-messages.service';
import { WaitingRoom } from './waiting-room.service';

@Module({
  imports: [AuthModule, VisitsModule, VisitGuestsModule],
  providers: [
    SignalingGateway,
    SignalingNamespace,
    SocketSessions,
    SocketConnections,
    EventRunner,
    JoinAuthorization,
    RoomMembership,
    RoomStates,
    RoomEffects,
    RoomCloser,
    RelayService,
    MediaTimeline,
    CallStatsService,
    CallStatsRepository,
    CallVerification,
    ChatService,
    ChatRepository,
    WaitingRoom,
    WaitingMessages,
    GuestAdmission,
    GuestRemoval,
    VisitUpdates,
    RoomStatsService,
    SeatRelease,
    SignalingDrain,
    stateStoreProvider,
    graceDeadlinesProvider,
    nodeLeasesProvider,
  ],
  // The seed's room REST and plain WebSocket (plain-signaling/) drive the same room engine.
  exports: [SignalingDrain, SocketSessions, SignalingNamespace, JoinAuthorization, SeatRelease, RoomStatsService],
})
export class SignalingModule {}
