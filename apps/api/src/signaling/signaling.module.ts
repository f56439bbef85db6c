import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RoomsController } from './rooms.controller';
import { SignalingGateway } from './signaling.gateway';
import { SignalingRepository } from './signaling.repository';
import { SignalingService } from './signaling.service';
import { SocketSessions } from './socket-sessions';

@Module({
  imports: [AuthModule, SessionsModule],
  controllers: [RoomsController],
  providers: [SignalingGateway, SignalingService, SignalingRepository, SocketSessions],
  exports: [SignalingService, SocketSessions],
})
export class SignalingModule {}
