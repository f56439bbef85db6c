import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, parsed, in order of arrival. */
  messages: ParsedMail[];
  /** How many MAIL FROM commands were refused while refusing. */
  refusals: number;
  /** Answer every MAIL FROM with `code` (451: try again later) until accept() is called. */
  refuse(code?: number): void;
  accept(): void;
  /**
   * Resolves with the messages whose subject contains `about` once `count` of them have arrived
   * (or rejects after `timeoutMs`). Every test app of a run shares one database, so a sender may
   * also deliver messages other specs left in the outbox: a spec counts only its own.
   */
  waitFor(count: number, about: string, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The messages received so far whose subject contains `about`. */
  about(about: string): ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on a free port (the smtp-server package), collecting what it is sent. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  let refusing: number | undefined;
  const messages: ParsedMail[] = [];
  const state = { refusals: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (refusing === undefined) return callback();
      state.refusals += 1;
      const error = Object.assign(new Error('Service temporarily unavailable, try again later'), { responseCode: refusing });
      return callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const about = (subject: string) => messages.filter((mail) => mail.subject?.includes(subject));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refusals() {
      return state.refusals;
    },
    refuse(code = 451) {
      refusing = code;
    },
    accept() {
      refusing = undefined;
    },
    about,
    async waitFor(count, subject, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (about(subject).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages about ${subject}, got ${about(subject).length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return about(subject);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
