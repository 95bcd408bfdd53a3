import nodemailer from "nodemailer";

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** Hands one message to a mail server; throws when the server does not take it. */
export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, from a URL such as smtp://user:pass@host:587 or
 * smtps://…:465. Pooled: a burst of reminders reuses a few connections
 * instead of a handshake per message (the URL's own ?pool=… still wins).
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true });
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}
