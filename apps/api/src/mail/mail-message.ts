import { textDirection, type Language } from '@telehealth/contracts';

/** What caused an email: one word per message the product sends. */
export type MailKind =
  'staff-invitation' | 'booking-confirmation' | 'reschedule' | 'cancellation' | 'password-reset' | 'reminder' | 'guest-invitation';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Bytes, or text (UTF-8). Stored base64 in the outbox row. */
  content: Buffer | string;
}

/**
 * An address under RFC 2606's `.invalid`: unique placeholders of people without an email (a guest,
 * the patient of an instant visit the doctor gave no address for). Nothing is ever sent there.
 */
export function isPlaceholderAddress(address: string): boolean {
  return address.toLowerCase().endsWith('.invalid');
}

/** An email to write to the outbox; `dedupeKey` makes its cause write it at most once. */
export interface OutboxMessageInput {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  dedupeKey?: string;
}

/** An outbox row as the sender needs it (claimed, about to be sent). */
export interface ClaimedMessage {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  attempts: number;
}

/** A message body as paragraphs and at most one link (a call to action). */
export interface MessageContent {
  greeting?: string;
  paragraphs: string[];
  link?: { label: string; url: string };
  signature?: string;
  /** The language it is written in: the HTML says so (`lang`) and is set right to left for Arabic. English when absent. */
  language?: Language;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Plain text and HTML from the same content, so the two parts of an email never say different things. */
export function composeMessage(content: MessageContent): { text: string; html: string } {
  const language = content.language ?? 'en';
  const blocks = [
    ...(content.greeting ? [content.greeting] : []),
    ...content.paragraphs,
    ...(content.link ? [`${content.link.label}: ${content.link.url}`] : []),
    ...(content.signature ? [content.signature] : []),
  ];
  const htmlBlocks = [
    ...(content.greeting ? [`<p>${escapeHtml(content.greeting)}</p>`] : []),
    ...content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    ...(content.link ? [`<p><a href="${escapeHtml(content.link.url)}">${escapeHtml(content.link.label)}</a></p>`] : []),
    ...(content.signature ? [`<p>${escapeHtml(content.signature)}</p>`] : []),
  ];
  return {
    text: `${blocks.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${language}" dir="${textDirection(language)}"><body style="font-family:sans-serif;line-height:1.5">${htmlBlocks.join('')}</body></html>`,
  };
}
