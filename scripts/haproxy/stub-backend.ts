/**
 * Test support for load-balancer.test.ts: a tiny node:http server standing in for an app server or an upload API
 * instance. It answers the health path with 200 or 503 as told, every other request with who it is and what it
 * saw, and can play a crash: close its listener (nothing accepts: a connection failure) or take requests and
 * hang up without a byte of answer (an empty response).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  server: string;
  method: string;
  url: string;
  requestId: string | null;
  forwardedFor: string | null;
  body: string;
}

export interface StubBackend {
  name: string;
  port: number;
  /** What /api/health answers. */
  healthy: boolean;
  /** Requests other than the health check: hang up on them without answering, counted in `hungUp`. */
  hangUp: boolean;
  hungUp: number;
  /** Requests answered (not counting health checks). */
  served: number;
  /** Stops accepting connections (and drops idle keep-alive ones): HAProxy's next connect is refused. */
  closeListener(): void;
  close(): Promise<void>;
}

const header = (req: http.IncomingMessage, name: string): string | null => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
};

export async function startStubBackend(name: string, healthPath = '/api/health'): Promise<StubBackend> {
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === healthPath) {
      res.statusCode = stub.healthy ? 200 : 503;
      res.end(stub.healthy ? 'ok' : 'unhealthy');
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (stub.hangUp) {
        stub.hungUp++;
        req.socket.destroy(); // the request arrived whole; the "process" dies before it answers
        return;
      }
      stub.served++;
      const seen: Seen = {
        server: name,
        method: req.method ?? '',
        url: req.url ?? '',
        requestId: header(req, 'x-request-id'),
        forwardedFor: header(req, 'x-forwarded-for'),
        body,
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(seen));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | null = null;
  /** The listener stops at once; the promise waits for the open connections to end as well. */
  const stopListening = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections(); // HAProxy's pooled keep-alive connections would otherwise still reach us
    }));
  const stub: StubBackend = {
    name,
    port: (server.address() as AddressInfo).port,
    healthy: true,
    hangUp: false,
    hungUp: 0,
    served: 0,
    closeListener() {
      void stopListening();
    },
    async close() {
      server.closeAllConnections();
      await stopListening();
    },
  };
  return stub;
}
