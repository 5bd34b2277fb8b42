/** A rendered mail, ready for the transport: plain text and HTML, Chinese first. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. a stable Message-ID-like key for tracing). */
  headers?: Record<string, string>;
}

export interface MailRecipient {
  email: string;
  displayName: string;
  locale: string;
}

export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** English first only for users who chose it; everyone else reads Chinese first. */
export const prefersEnglish = (locale: string | null | undefined): boolean =>
  (locale ?? '').toLowerCase().startsWith('en');

export function mailAddress(r: MailRecipient): string {
  // Quotes keep a display name with commas or brackets from breaking the header.
  return `"${r.displayName.replace(/["\\]/g, '')}" <${r.email}>`;
}
