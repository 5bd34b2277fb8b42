import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mailConfig, MailConfig } from '@tracker/common';
import { createTransport, Transporter } from 'nodemailer';
import { MailMessage } from './mail-message';

/** Thrown when SMTP did not answer in time: the job fails and BullMQ retries it. */
export class MailTimeoutError extends Error {
  constructor(ms: number) {
    super(`SMTP send did not finish within ${ms} ms`);
    this.name = 'MailTimeoutError';
  }
}

/**
 * The SMTP transport: pooled (a few long-lived connections instead of one per mail), with
 * connection, greeting and socket timeouts, and an overall per-send deadline (NOTES §12: a hung
 * SMTP call must not hold a worker slot forever).
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;

  constructor(@Inject(mailConfig.KEY) private readonly config: MailConfig) {
    this.transporter = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      pool: true,
      maxConnections: 3,
      connectionTimeout: Math.min(10_000, config.sendTimeoutMs),
      greetingTimeout: Math.min(10_000, config.sendTimeoutMs),
      socketTimeout: config.sendTimeoutMs,
      // A development catcher (Mailpit) offers no TLS; production relays usually do.
      ignoreTLS: !config.secure && !config.user,
    });
  }

  /** Sends one mail or throws; returns the SMTP message id. */
  async send(message: MailMessage): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.sendTimeoutMs);
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener(
        'abort',
        () => reject(new MailTimeoutError(this.config.sendTimeoutMs)),
        { once: true },
      ),
    );
    try {
      const info = await Promise.race([
        this.transporter.sendMail({
          from: this.config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: message.headers,
        }),
        aborted,
      ]);
      return String((info as { messageId?: string }).messageId ?? '');
    } finally {
      clearTimeout(timer);
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
    this.logger.debug('SMTP pool closed');
  }
}
