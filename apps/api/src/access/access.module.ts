import { Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { VisitPartiesRepository } from './visit-parties.repository';

@Module({ providers: [AccessService, VisitPartiesRepository], exports: [AccessService] })
export class AccessModule {}
