import { Global, Module } from '@nestjs/common';
import { AccountEvents } from './account-events';

/** AccountEvents for every module (auth publishes, signaling subscribes), without importing each other. */
@Global()
@Module({ providers: [AccountEvents], exports: [AccountEvents] })
export class AccountEventsModule {}
