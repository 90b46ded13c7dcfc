/**
 * The README's manual install, run as written: the package is packed (`npm pack`, the tarball npm
 * would publish) and the README's `npm install …` command from the "Install in n8n" section is run
 * in a fresh folder laid out like n8n's nodes folder (`~/.n8n/nodes` with its package.json), with
 * the package name replaced by the tarball. Once with the system Node (20 on these machines, n8n
 * 1.x's usual runtime) and once with Node 24 (the n8n runtime's, scripts/n8n-runtime.sh), both
 * with the system npm. The package must be installed and the `n8n-workflow` peer must not be (n8n
 * provides it; installed, it brings ~130 packages and a native build that fails on Node 20).
 *
 * npm still reads the peer's metadata from the registry to plan the install, so this needs the
 * npm registry (as `npm ci` does).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureN8nRuntime } from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};

const SYSTEM_NODE = 'the system Node (20 here)';
const NODE_24 = 'Node 24 (the n8n runtime)';

/** The README's manual install command (the `npm install` line of the Install section). */
function readmeInstallCommand(): string[] {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const section = readme.split(/^## /m).find((part) => part.startsWith('Install in n8n'));
	if (!section) throw new Error('README.md has no "## Install in n8n" section');
	const line = section
		.split('\n')
		.map((l) => l.trim().replace(/^`|`$/g, ''))
		.find((l) => /(^|&& )npm install /.test(l));
	if (!line) throw new Error('the Install section shows no `npm install` command');
	const words = line.slice(line.indexOf('npm install')).split(/\s+/);
	expect(words).toContain(PACKAGE.name);
	return words;
}

/** The system npm's CLI script, to run it with another Node binary. */
function npmCli(): string {
	const npm = execFileSync('bash', ['-c', 'readlink -f "$(command -v npm)"'], {
		encoding: 'utf8',
	}).trim();
	const cli = path.join(path.dirname(npm), 'npm-cli.js');
	if (!fs.existsSync(cli)) throw new Error(`npm-cli.js not found beside ${npm}`);
	return cli;
}

describe('README manual install (npm pack, then the README command in a nodes folder)', () => {
	let work: string;
	let tarball: string;
	let command: string[];
	/** The Node binary of each runtime the install runs on. */
	const runtimes: Record<string, string> = {};

	beforeAll(async () => {
		if (!fs.existsSync(path.join(ROOT, 'dist/index.js'))) {
			execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		}
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
		execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		tarball = path.join(work, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
		expect(fs.existsSync(tarball)).toBe(true);
		command = readmeInstallCommand();
		const runtime = await ensureN8nRuntime();
		runtimes[SYSTEM_NODE] = process.execPath;
		runtimes[NODE_24] = runtime.node;
	}, 20 * 60_000);

	afterAll(() => {
		if (work) fs.rmSync(work, { recursive: true, force: true });
	});

	test('the README command leaves out the peer dependency', () => {
		expect(command).toContain('--omit=peer');
	});

	test.each([SYSTEM_NODE, NODE_24])(
		'on %s: the package is installed, n8n-workflow is not',
		(label) => {
			const node = runtimes[label];
			const i = label === NODE_24 ? 24 : 0;
			const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
			const nodes = path.join(work, `nodes-${i}`);
			fs.mkdirSync(nodes);
			// what n8n writes into ~/.n8n/nodes when it creates the folder
			fs.writeFileSync(
				path.join(nodes, 'package.json'),
				JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
			);
			const args = command
				.slice(2)
				.map((word) => (word === PACKAGE.name ? tarball : word))
				.concat(['--no-audit', '--no-fund']);
			const result = spawnSync(node, [npmCli(), 'install', ...args], {
				cwd: nodes,
				encoding: 'utf8',
				env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` },
				timeout: 5 * 60_000,
			});
			expect({
				runtime: `${label} ${version}`,
				status: result.status,
				stderr: result.stderr,
			}).toEqual({
				runtime: `${label} ${version}`,
				status: 0,
				stderr: expect.any(String),
			});
			const installed = path.join(nodes, 'node_modules', PACKAGE.name);
			expect(
				JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
					version: string;
				},
			).toMatchObject({ version: PACKAGE.version });
			expect(fs.existsSync(path.join(installed, 'dist/nodes/Airudder/Airudder.node.js'))).toBe(
				true,
			);
			expect(fs.existsSync(path.join(nodes, 'node_modules', 'n8n-workflow'))).toBe(false);
			// nothing else came along
			expect(
				fs.readdirSync(path.join(nodes, 'node_modules')).filter((name) => !name.startsWith('.')),
			).toEqual([PACKAGE.name]);
		},
		6 * 60_000,
	);
});
