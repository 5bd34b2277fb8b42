import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** The header the proxy adds to every answer: which upstream (its index) served the request. */
export const UPSTREAM_HEADER = 'x-upstream';

/**
 * One port in front of several api processes, as a load balancer would be: each request goes to
 * the next upstream in turn, with X-Forwarded-For and X-Forwarded-Proto added (the api trusts
 * them under TRUST_PROXY), and the answer says which upstream served it.
 */
export class RoundRobinProxy {
  private server: Server | null = null;
  private next = 0;
  base = '';

  constructor(private readonly upstreams: string[]) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const index = this.next++ % this.upstreams.length;
      const target = new URL(req.url ?? '/', this.upstreams[index]);
      const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
        .filter(Boolean)
        .join(', ');
      const upstream = request(
        target,
        {
          method: req.method,
          headers: {
            ...req.headers,
            host: target.host,
            'x-forwarded-for': forwardedFor,
            'x-forwarded-proto': 'http',
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, {
            ...answer.headers,
            [UPSTREAM_HEADER]: String(index),
          });
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { [UPSTREAM_HEADER]: String(index) });
        res.end(`upstream ${index}: ${error.message}`);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
