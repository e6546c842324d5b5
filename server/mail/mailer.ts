/**
 * Outgoing e-mail (nodemailer over SMTP), for sending each person their call sheet link and PDF. Only the
 * composition root creates one, from `SMTP_URL`; without it nothing is e-mailed and the AD hands out links.
 * A send resolves with how it went rather than throwing, so one bad address never stops the others.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export type MailOutcome = { ok: true } | { ok: false; reason: string };

export interface Mailer {
  send(message: MailMessage): Promise<MailOutcome>;
  close(): void;
}

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (nodemailer's connection URL). */
  url: string;
  /** The From address; `Setboard <setboard@<SMTP host>>` when not given. */
  from?: string;
  /** Give up on a server that does not answer: a publish waits for its e-mails. @default 15_000 */
  timeoutMs?: number;
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  const url = new URL(options.url);
  const transport = nodemailer.createTransport({
    url: options.url,
    // A call sheet goes to a whole crew at once: one connection, reused, instead of one per message.
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const from = options.from ?? `Setboard <setboard@${url.hostname || 'localhost'}>`;
  return {
    async send(message) {
      try {
        await transport.sendMail({ from, ...message });
        return { ok: true };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: reason.slice(0, 500) };
      }
    },
    close() {
      transport.close();
    },
  };
}
