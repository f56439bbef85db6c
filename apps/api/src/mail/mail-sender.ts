import { Inject, Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { ClaimedMessage } from './mail-message';

/** An SMTP server that answers within these never holds a claim past its lease (OUTBOX_LEASE_S, renewed). */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export interface SendResult {
  /** The SMTP server's answer ("250 2.0.0 Ok: queued as ..."), or where the .eml file was written. */
  response: string;
}

/** Where the API's emails go: SMTP_URL, or .eml files under DATA_DIR/outbox outside production. */
export type MailDestination = 'smtp' | 'files' | 'none';

/**
 * Hands one outbox message to SMTP (nodemailer over SMTP_URL, from MAIL_FROM). Without SMTP_URL
 * outside production it writes the message as an .eml file instead and logs the file's path; the
 * content and the recipient are never logged.
 */
@Injectable()
export class MailSender {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | undefined;
  readonly destination: MailDestination;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.destination = 'smtp';
      this.transport = nodemailer.createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS });
    } else if (config.NODE_ENV !== 'production') {
      this.destination = 'files';
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    } else {
      this.destination = 'none';
    }
  }

  get outboxDir(): string {
    return path.resolve(this.config.DATA_DIR, 'outbox');
  }

  async send(message: ClaimedMessage): Promise<SendResult> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    const info = (await this.transport.sendMail(this.toMail(message))) as { response?: string; message?: Buffer };
    if (this.destination === 'smtp') return { response: String(info.response ?? '') };
    const file = path.join(this.outboxDir, `${message.id}.eml`);
    // Emails carry patients' names and links: readable by this account only.
    await fs.mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(file, info.message ?? Buffer.alloc(0), { mode: 0o600 });
    this.logger.log(`email ${message.id} (${message.kind}) written to ${file}`);
    return { response: `written to ${file}` };
  }

  private toMail(message: ClaimedMessage): SendMailOptions {
    return {
      from: this.config.MAIL_FROM,
      to: message.recipient,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // The same Message-ID on every attempt: a receiver that got a message twice can tell.
      messageId: `<${message.id}@${messageIdDomain(this.config.MAIL_FROM)}>`,
      attachments: message.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: Buffer.from(attachment.content, 'base64'),
      })),
    };
  }
}

function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'telehealth.localhost';
}
