/**
 * POSTs over a bounded pool of keep-alive connections (node:http), the way a reverse proxy in front of the
 * app keeps an upstream pool: thousands of phones hold connections to the proxy, the app sees a few hundred.
 * fetch() without a pool opens a new connection whenever every open one is busy, so a simulated crowd
 * arrives as a storm of connects that overflows the app's accept queue (connect timeouts at 6,000 runners
 * with the app at 0.65 of a core), which measures the lack of a proxy rather than the app.
 */
import http from "node:http";

export interface PooledPost {
  (path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }>;
  close(): void;
}

export function pooledPost(baseUrl: string, connections: number): PooledPost {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  const post = ((path, headers, body) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        { agent, hostname, port, path, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error("no answer within 30 s")));
      request.on("error", reject);
      request.end(body);
    })) as PooledPost;
  post.close = () => agent.destroy();
  return post;
}
