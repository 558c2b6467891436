/**
 * A TCP forwarder between a process under test and a real server (here: the Location Service and the test
 * Cassandra node), so a test can make the server unreachable (`cut`: connections refused and the open ones
 * reset, as when a node dies) or slow (`delayMs` on every chunk towards it), without stopping a server that
 * other tests share. It imitates nothing: every byte is the real server's.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Delay added to every chunk sent towards the server. */
  delayMs: number;
  /** Refuses new connections and resets the open ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const proxy: TcpProxy = {
    port: 0,
    delayMs: 0,
    cut: async () => {
      for (const socket of sockets) socket.resetAndDestroy();
      sockets.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    restore: () => listen(proxy.port),
    close: () => proxy.cut(),
  };

  function forward(client: Socket) {
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("data", (chunk) => {
      if (proxy.delayMs > 0) setTimeout(() => upstream.writable && upstream.write(chunk), proxy.delayMs);
      else upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  }

  function listen(port: number) {
    return new Promise<void>((resolve, reject) => {
      const next = createServer(forward);
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        const address = next.address();
        proxy.port = typeof address === "object" && address ? address.port : port;
        server = next;
        resolve();
      });
    });
  }

  await listen(0);
  return proxy;
}
