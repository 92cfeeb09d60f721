/**
 * Sends one plain-text email (invitations, password resets). A port: src/outbound/smtp-mailer.ts
 * speaks SMTP through nodemailer once LEADFLOW_SMTP_URL is set; without it, links are printed by
 * the CLI instead (docs/accounts.md, "Invitations and resets").
 */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>
}
