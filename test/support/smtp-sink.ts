import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
}

/**
 * A real SMTP server in the test process: start it on a free port, stop it to simulate an outage,
 * start it again on the same port; every message is parsed (mailparser) and kept in `messages`.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private parsing: Promise<void>[] = [];
  private received: (() => void)[] = [];
  port = 0;
  /**
   * Holds the server's answer to each message this long after the message was kept: the window
   * in which a client killed mid-send has been accepted but never heard so.
   */
  answerDelayMs = 0;
  /** Answers kept back by holdAnswers(), given on releaseAnswers(). */
  private held: (() => void)[] | null = null;

  async start(): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Pooled client connections must not keep a stopped server half-open.
      closeTimeout: 100,
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const done = simpleParser(stream).then(
          (m) => {
            this.messages.push({
              to,
              subject: m.subject ?? '',
              text: m.text ?? '',
              html: typeof m.html === 'string' ? m.html : '',
              headers: m.headers as Map<string, unknown>,
              messageId: m.messageId ?? '',
            });
            for (const wake of this.received.splice(0)) wake();
            if (this.held) this.held.push(() => callback());
            else if (this.answerDelayMs > 0) setTimeout(() => callback(), this.answerDelayMs);
            else callback();
          },
          (err: Error) => callback(err),
        );
        this.parsing.push(done);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this.port;
  }

  /**
   * Keeps every message but holds back every answer until releaseAnswers(): each message at the
   * sink meanwhile has been accepted, and its sender has not heard so (nor committed it sent).
   */
  holdAnswers(): void {
    this.held ??= [];
  }

  releaseAnswers(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const answer of held) answer();
  }

  async stop(): Promise<void> {
    this.releaseAnswers();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once the sink holds at least `n` messages. */
  async untilCount(n: number): Promise<void> {
    while (this.messages.length < n)
      await new Promise<void>((resolve) => this.received.push(resolve));
  }

  /** Waits for mails still being parsed. */
  async settle(): Promise<void> {
    await Promise.all(this.parsing);
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** The env for apps that should send to this sink. */
  env(): Record<string, string> {
    return {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.port),
      SMTP_SECURE: 'false',
      MAIL_FROM: '领导小组办公室 <office@tracker.test>',
    };
  }
}
