import { resolveAuthSecret } from "../secrets";

/** What mail needs to know about its deployment. */
export interface MailConfig {
  /** Links in mail start here (the web app's public address). */
  appUrl: string;
  /** SMTP connection URL (smtp://user:pass@host:port, smtps://…); null: mail is kept, not sent. */
  smtpUrl: string | null;
  from: string;
  /** Signs the unsubscribe links. */
  authSecret: string;
}

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const appUrl = (env.APP_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const smtpUrl = env.SMTP_URL?.trim() || null;
  return {
    appUrl,
    smtpUrl,
    from: env.MAIL_FROM?.trim() || `Conductor <no-reply@${new URL(appUrl).hostname}>`,
    authSecret: resolveAuthSecret(env),
  };
}
