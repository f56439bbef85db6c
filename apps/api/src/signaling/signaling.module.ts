import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SignalingGateway } from './signaling.gateway';
import { SignalingService } from './signaling.service';

@Module({ imports: [AuthModule, SessionsModule], providers: [SignalingGateway, SignalingService] })
export class SignalingModule {}
