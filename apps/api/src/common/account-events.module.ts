import { Global, Module } from '@nestjs/common';
import { AccountEvents } from './account-events';
import { VisitEvents } from './visit-events';

/**
 * AccountEvents and VisitEvents for every module (auth, appointments and visits publish; signaling
 * subscribes), without importing each other.
 */
@Global()
@Module({ providers: [AccountEvents, VisitEvents], exports: [AccountEvents, VisitEvents] })
export class AccountEventsModule {}
