import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RoomsController } from './rooms.controller';
import { SignalingGateway } from './signaling.gateway';
import { SignalingRepository } from './signaling.repository';
import { SignalingService } from './signaling.service';

@Module({
  imports: [AuthModule, SessionsModule],
  controllers: [RoomsController],
  providers: [SignalingGateway, SignalingService, SignalingRepository],
  exports: [SignalingService],
})
export class SignalingModule {}
