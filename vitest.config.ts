import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["domain/**/*.test.ts", "server/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // The record tests replay whole real tracks: well under a second alone, but several seconds when
          // the two cores are busy with other work (seen: 7 s), which is no failure of the code.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          globalSetup: ["test-support/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One database and one Cassandra node are shared: run files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
