/**
 * The frame the launchers' command lines share (`npm run cassandra|kafka -- <command> …`): usage on `help`
 * or no command, one function per command taking the arguments after it, an unknown command answered with
 * the usage (exit 2), and any error printed as one line with the tool's name (exit 1).
 */
export type Command = (args: string[]) => Promise<number>;

export function runCommandLine(tool: string, usage: string, commands: Record<string, Command>, argv = process.argv.slice(2)) {
  const [command, ...args] = argv;
  const main = async (): Promise<number> => {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      console.log(usage);
      return command ? 0 : 2;
    }
    if (args[0] === "--help") {
      console.log(usage);
      return 0;
    }
    const run = commands[command];
    if (!run) {
      console.error(`unknown command: ${command}\n\n${usage}`);
      return 2;
    }
    return run(args);
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`[${tool}] ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
