import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SignalingGateway } from './signaling.gateway';
import { SignalingRepository } from './signaling.repository';
import { SignalingService } from './signaling.service';

@Module({ imports: [AuthModule, SessionsModule], providers: [SignalingGateway, SignalingService, SignalingRepository] })
export class SignalingModule {}
