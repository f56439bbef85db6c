import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { recipientLanguage } from '../i18n/recipients';
import { OutboxService } from '../mail/outbox.service';
import { PrismaService } from '../prisma/prisma.service';
import { VisitLinksService } from '../visit-links/visit-links.service';
import { DueReminder, dueReminders } from './due-reminders';
import { RemindersRepository, toReminderVisit } from './reminders.repository';
import { MessageSettings, messageSettings, reminderEmail, toVisitNotice } from './visit-messages';

/**
 * Emails each patient a reminder before their visit, in their language, at the lead times of
 * REMINDER_MINUTES (rules: due-reminders.ts). Every API process sweeps every REMINDER_SWEEP_S; the reminder's dedupe key
 * (appointment, lead, sequence) makes the outbox write it once however many processes find it due,
 * and before and after a restart.
 */
@Injectable()
export class ReminderSweepService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReminderSweep');
  private readonly settings: MessageSettings;
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly reminders: RemindersRepository,
    private readonly links: VisitLinksService,
    private readonly outbox: OutboxService,
  ) {
    this.settings = messageSettings(config);
  }

  onModuleInit(): void {
    if (this.config.REMINDER_MINUTES.length === 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.REMINDER_SWEEP_S * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Writes the reminders due at `now` to the outbox; returns the dedupe keys this call wrote (another
   * process may have written the others). `now` is a parameter so that specs can move the clock.
   */
  async sweep(now: Date): Promise<string[]> {
    const leads = this.config.REMINDER_MINUTES;
    if (leads.length === 0) return [];
    const due = dueReminders(await this.reminders.candidates(now, Math.max(...leads)), leads, now);
    const written = await this.reminders.written(due.map((reminder) => reminder.dedupeKey));
    const wrote: string[] = [];
    for (const reminder of due.filter((candidate) => !written.has(candidate.dedupeKey))) {
      try {
        if (await this.write(reminder, now)) wrote.push(reminder.dedupeKey);
      } catch (error) {
        this.logger.error(`reminder for visit ${reminder.appointmentId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (wrote.length > 0) this.logger.log(`wrote ${wrote.length} reminder(s)`);
    return wrote;
  }

  private async tick(): Promise<void> {
    // A sweep slower than the interval (a slow database) is not run twice at once by one process.
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.sweep(new Date());
    } catch (error) {
      this.logger.error(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * One reminder in one transaction, under the visit's lock: the visit is read again (a cancel or
   * reschedule that committed meanwhile is seen), the link in force is used (one is issued only when
   * none is), and the outbox's dedupe key decides whether this process is the one that writes it.
   */
  private write(reminder: DueReminder, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const row = await this.reminders.lockScheduled(tx, reminder.appointmentId);
      if (!row) return false;
      const [still] = dueReminders([toReminderVisit(row)], this.config.REMINDER_MINUTES, now);
      if (still?.dedupeKey !== reminder.dedupeKey) return false;
      const access = (await this.links.current(row.id)) ?? (await this.links.issue(tx, row));
      const language = await recipientLanguage(tx, row.patient);
      const id = await this.outbox.enqueue(tx, reminderEmail(toVisitNotice(row), access, reminder.lead, this.settings, language));
      return id !== null;
    });
  }
}
