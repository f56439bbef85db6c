import { Module } from '@nestjs/common';
import { NoShowSweepService } from './no-show-sweep.service';

@Module({ providers: [NoShowSweepService], exports: [NoShowSweepService] })
export class NoShowModule {}
