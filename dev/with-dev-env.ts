/**
 * Runs a command with the generated dev keys filled in for unset variables, so scripts such as
 * `npm run db:migrate` work on a fresh clone. Refuses in production: there a missing secret must fail.
 */
import { spawn } from "node:child_process";
import { loadDevEnv } from "./dev-env";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write("usage: tsx dev/with-dev-env.ts <command> [args…]\n");
  process.exit(2);
}
const production = process.env.NODE_ENV === "production";
const child = spawn(command, args, {
  stdio: "inherit",
  env: production ? process.env : { ...process.env, ...loadDevEnv() },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
