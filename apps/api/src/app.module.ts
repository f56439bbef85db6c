import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppointmentsModule } from './appointments/appointments.module';
import { NoShowModule } from './appointments/no-show.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AccountEventsModule } from './common/account-events.module';
import { ErrorResponseFilter } from './common/error-response.filter';
import { LoggingModule } from './common/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { OpenApiModule } from './openapi/openapi.module';
import { PatientsModule } from './patients/patients.module';
import { PrismaModule } from './prisma/prisma.module';
import { RedisModule } from './redis/redis.module';
import { SessionHistoryModule } from './sessions/session-history.module';
import { ClinicVisitsModule } from './clinic-visits/clinic-visits.module';
import { SignalingModule } from './signaling/signaling.module';
import { PlainSignalingModule } from './plain-signaling/plain-signaling.module';
import { ProfileModule } from './profile/profile.module';
import { StaffModule } from './staff/staff.module';
import { VisitsModule } from './visits/visits.module';
import { IceServersModule } from './ice-servers/ice-servers.module';
import { VisitGuestsModule } from './visit-guests/visit-guests.module';
import { VisitLinksModule } from './visit-links/visit-links.module';
import { VisitInvitationsModule } from './visit-invitations/visit-invitations.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The resolved database: DATABASE_URL, or the embedded server started before Nest. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config, options.databaseUrl),
        LoggingModule.forRoot(options.config),
        PrismaModule,
        RedisModule,
        AuditModule,
        MailModule,
        AccountEventsModule,
        AuthModule,
        PatientsModule,
        StaffModule,
        ProfileModule,
        AppointmentsModule,
        VisitLinksModule,
        VisitInvitationsModule,
        VisitGuestsModule,
        HealthModule,
        VisitsModule,
        SessionHistoryModule,
        ClinicVisitsModule,
        NoShowModule,
        SignalingModule,
        PlainSignalingModule,
        IceServersModule,
        OpenApiModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorResponseFilter }],
    };
  }
}
