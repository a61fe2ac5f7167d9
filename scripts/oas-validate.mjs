#!/usr/bin/env node
// Validates OpenAPI documents against the OpenAPI Initiative's JSON Schemas
// (2.0, 3.0, 3.1, 3.2) as shipped by the npm package
// @seriousme/openapi-schema-validator, in one process for all files.
//
// Usage: scripts/oas-validate.mjs [--modules DIR] FILE|DIR...
//        scripts/oas-validate.mjs [--modules DIR] --version
//
// Prints one JSON line per file, in the order given (a directory's .json,
// .yaml and .yml files sorted by path):
//   {"file": ..., "version": "3.1" | null, "valid": true | false,
//    "errors": [first few messages], "refs": "..." (only when set)}
// `valid` is the schema's verdict alone. The package also checks that local
// `$ref`s resolve, which no JSON Schema can say; that result is reported as
// `refs` and does not change `valid`. A file the schemas cannot judge (not
// readable, not JSON/YAML, no supported `swagger`/`openapi` version) is
// `valid: false` with the reason as its only error.
//
// The package is looked up in --modules DIR (a node_modules directory), else
// in target/ci-tools/node_modules of this checkout (where .ci/run installs
// it), else wherever Node finds it from here.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve } from "node:path";
import { argv, exit, stdout } from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const PACKAGE = "@seriousme/openapi-schema-validator";
const MAX_ERRORS = 5;

function usage(message) {
  if (message) console.error(`oas-validate: ${message}`);
  console.error("usage: oas-validate.mjs [--modules DIR] FILE|DIR... | --version");
  exit(2);
}

let modules = null;
let showVersion = false;
const inputs = [];
for (let i = 2; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--modules") {
    modules = argv[++i] ?? usage("--modules needs a directory");
  } else if (arg === "--version") {
    showVersion = true;
  } else if (arg === "-h" || arg === "--help") {
    usage();
  } else {
    inputs.push(arg);
  }
}

/** The package directory, or null for Node's own lookup. */
function packageDir() {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = modules
    ? [resolve(modules)]
    : [join(here, "..", "target", "ci-tools", "node_modules")];
  for (const dir of candidates) {
    const pkg = join(dir, PACKAGE);
    if (existsSync(join(pkg, "package.json"))) return pkg;
  }
  if (modules) usage(`${PACKAGE} not found in ${modules}`);
  return null;
}

const pkgDir = packageDir();
const load = (file, bare) =>
  import(pkgDir ? pathToFileURL(join(pkgDir, file)).href : bare);
let Validator, parseYaml;
try {
  ({ Validator } = await load("index.js", PACKAGE));
  // The package's own YAML reader (a dependency of it), found from it.
  const from = pkgDir ? join(pkgDir, "package.json") : import.meta.url;
  ({ parse: parseYaml } = createRequire(from)("yaml"));
} catch (error) {
  console.error(`oas-validate: cannot load ${PACKAGE}: ${error.message}`);
  console.error("install it with .ci/run, or pass --modules DIR");
  exit(2);
}

if (showVersion) {
  const meta = pkgDir
    ? JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"))
    : { version: "unknown" };
  console.log(`${PACKAGE}@${meta.version}`);
  exit(0);
}
if (inputs.length === 0) usage("no files");

const SPEC_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);

function* walk(path) {
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path).sort();
    for (const name of names) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) yield* walk(child);
      else if (SPEC_EXTENSIONS.has(extname(name).toLowerCase())) yield child;
    }
  } else {
    yield path;
  }
}

/** An ajv error as one line: where, what, and the offending name if any. */
function describe(error) {
  const where = error.instancePath || "/";
  const params = error.params ?? {};
  const extra =
    params.additionalProperty ??
    params.unevaluatedProperty ??
    params.allowedValues?.join(", ") ??
    params.passingSchemas;
  return `${where} ${error.message}${extra == null ? "" : ` (${extra})`}`;
}

/** The first few distinct messages, deepest location first: those usually
 * name the actual mistake, where the ones above say only that no `oneOf`
 * branch matched. */
function messages(errors) {
  const sorted = [...errors].sort(
    (a, b) => (b.instancePath?.length ?? 0) - (a.instancePath?.length ?? 0),
  );
  return [...new Set(sorted.map(describe))].slice(0, MAX_ERRORS);
}

const validator = new Validator({ allErrors: true });
for (const input of inputs) {
  let files;
  try {
    files = [...walk(input)];
  } catch {
    files = [input];
  }
  for (const file of files) {
    const result = { file, version: null, valid: false, errors: [] };
    let spec;
    try {
      const text = readFileSync(file, "utf8");
      spec =
        extname(file).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      result.errors = [`cannot read: ${error.message}`];
    }
    if (spec !== undefined) {
      if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
        result.errors = ["not an OpenAPI document: the root is not a mapping"];
      } else {
        const outcome = await validator.validate(spec);
        result.version = validator.version ?? null;
        if (outcome.valid) {
          result.valid = true;
        } else if (Array.isArray(outcome.errors)) {
          result.errors = messages(outcome.errors);
        } else if (result.version) {
          // The schema passed; only the package's `$ref` check failed.
          result.valid = true;
          result.refs = String(outcome.errors);
        } else {
          result.errors = [String(outcome.errors)];
        }
      }
    }
    stdout.write(`${JSON.stringify(result)}\n`);
  }
}
