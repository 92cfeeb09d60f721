/**
 * Sends one plain-text email (invitations, password resets). A port: src/outbound/smtp-mailer.ts
 * speaks SMTP through nodemailer once LEADFLOW_SMTP_URL is set; without it, links are printed by
 * the CLI instead (docs/accounts.md, "Invitations and resets").
 */
export interface Mailer {
  /**
   * Resolves once the SMTP server accepted the message for every recipient (its answer, e.g.
   * `250 OK: queued`); rejects otherwise, so a caller never counts an email that did not go out.
   */
  send(message: { to: string; subject: string; text: string }): Promise<{ response: string } | undefined>
}
