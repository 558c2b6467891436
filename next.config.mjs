/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/worker-using server libraries stay outside the bundle and load from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@platformatic/kafka", "cassandra-driver", "pino", "prom-client"],
  poweredByHeader: false,
};

export default nextConfig;
