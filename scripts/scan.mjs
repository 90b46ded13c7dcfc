#!/usr/bin/env node
// n8n's community-package scanner (@n8n/scan-community-package, pinned in devDependencies) on
// this checkout, offline: `npm run scan` (needs `npm run build` first).
//
// The published CLI downloads a released version from the registry and its provenance source from
// GitHub; this runs the same analyzer (its ESLint config, inline `eslint-disable` comments
// ignored) on the same two inputs locally:
//   source   package.json + {nodes,credentials}/**/*.{js,ts,json}  (the scanner's SOURCE_FILE_PATTERNS)
//   tarball  **/*.js + package.json of `npm pack`'s tarball, unpacked to a temp dir
// and, stricter than the scanner, fails on warnings too. Prints ESLint's report per input and
// exits 1 on any finding; with `--json`, prints {source, tarball} counts and messages instead.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// eslint-plugin-n8n-nodes-base switches to its own test fixtures' rules when NODE_ENV is "test"
// (as under jest): drop it before the scanner's modules load.
delete process.env.NODE_ENV;
const { ESLint } = await import('eslint');
const { default: glob } = await import('fast-glob');
const { buildScanConfig, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const asJson = process.argv.includes('--json');

/** Lints `patterns` under `dir` as the scanner's analyzePackage does; returns ESLint's results. */
async function analyze(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	if (files.length === 0) throw new Error(`no files to scan in ${dir}`);
	const results = await eslint.lintFiles(files);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	const messages = results.flatMap((r) =>
		r.messages.map((m) => ({
			file: path.relative(dir, r.filePath),
			line: m.line,
			severity: m.severity === 2 ? 'error' : 'warning',
			rule: m.ruleId,
			message: m.message,
		})),
	);
	return { files: files.length, messages, report };
}

/** `npm pack`s the checkout into a temp dir and unpacks it; returns the package folder. */
function packAndUnpack(tmp) {
	for (const file of ['dist/index.js', 'dist/credentials/AirudderApi.credentials.js']) {
		if (!fs.existsSync(path.join(ROOT, file)))
			throw new Error(`${file} missing: run npm run build`);
	}
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	const dir = path.join(tmp, 'package');
	execFileSync('tar', ['-xzf', path.join(tmp, path.basename(filename)), '-C', tmp]);
	return dir;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
try {
	const source = await analyze(ROOT, SOURCE_FILE_PATTERNS);
	const tarball = await analyze(packAndUnpack(tmp), ['**/*.js', 'package.json']);
	const failed = source.messages.length + tarball.messages.length > 0;
	if (asJson) {
		const strip = ({ files, messages }) => ({ files, messages });
		process.stdout.write(`${JSON.stringify({ source: strip(source), tarball: strip(tarball) })}\n`);
	} else {
		for (const [name, result] of [
			['source', source],
			['tarball', tarball],
		]) {
			const verdict = result.messages.length ? `${result.messages.length} finding(s)` : 'clean';
			console.log(`scanner on the ${name} (${result.files} files): ${verdict}${result.report}`);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}
