import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender';
import { OutboxWorker } from './outbox-worker';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** Email: the outbox (written in the caller's transaction) and the sender that empties it. */
@Module({
  providers: [OutboxRepository, OutboxService, MailSender, OutboxWorker],
  exports: [OutboxService],
})
export class MailModule {}
