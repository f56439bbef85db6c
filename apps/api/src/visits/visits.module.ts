import { Module } from '@nestjs/common';
import { VisitLifecycleService } from './visit-lifecycle.service';
import { VisitRepository } from './visit.repository';

/** A visit's life (timeline, start, end), used by the signaling gateway and the sessions REST alike. */
@Module({ providers: [VisitLifecycleService, VisitRepository], exports: [VisitLifecycleService, VisitRepository] })
export class VisitsModule {}
