/**
 * n8n's community-package rules (what its package scanner and `n8n-node lint` look for), checked
 * mechanically on package.json, the shipped sources (credentials/, nodes/) and the packed tarball:
 * no runtime dependencies, imports of n8n-workflow and Node built-ins only, no environment or file
 * system access, every node and credential registered with light/dark icons and a codex file,
 * `usableAsTool` on the action nodes, `pairedItem` on every output item, and a tarball that holds
 * only dist/, README.md, LICENSE and package.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { makeDescription } from 'n8n-workflow';
import ts from 'typescript';

import * as entry from '../../index';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	files: string[];
	scripts: Record<string, string>;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
};

/** Files under `dir` (relative to the root), recursively, as root-relative paths with "/". */
function walk(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		return entry.isDirectory() ? walk(relative) : [relative];
	});
}

const SHIPPED_SOURCES = [...walk('credentials'), ...walk('nodes')].filter((file) =>
	file.endsWith('.ts'),
);
/** `dist/nodes/X/Y.node.js` → `nodes/X/Y.node.ts`. */
const sourceOf = (distPath: string) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const parse = (file: string) =>
	ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** Every node of a source file's syntax tree. */
function nodesOf(source: ts.SourceFile): ts.Node[] {
	const all: ts.Node[] = [];
	const visit = (node: ts.Node) => {
		all.push(node);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return all;
}

/** The class a registered node or credential file exports (named like the file: `Airudder`), via index.ts. */
function load<T>(source: string): T {
	const className = path.basename(source).split('.')[0];
	const Class = (entry as unknown as Record<string, new () => T>)[className];
	expect(Class).toBeDefined();
	return new Class();
}

const NODES = PACKAGE.n8n.nodes.map((distPath) => {
	const source = sourceOf(distPath);
	return { source, type: load<INodeType>(source) };
});
const CREDENTIALS = PACKAGE.n8n.credentials.map((distPath) => {
	const source = sourceOf(distPath);
	return { source, type: load<ICredentialType>(source) };
});

/** Checks an `icon: { light, dark }` pair against the files beside `source`. */
function expectIconPair(source: string, icon: unknown) {
	expect(icon).toEqual({ light: expect.any(String), dark: expect.any(String) });
	const { light, dark } = icon as { light: string; dark: string };
	const files = [light, dark].map((ref) => {
		expect(ref).toMatch(/^file:[\w.-]+\.svg$/);
		const file = path.join(path.dirname(source), ref.slice('file:'.length));
		expect(existsSync(path.join(ROOT, file))).toBe(true);
		return read(file);
	});
	for (const svg of files) expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
	expect(files[0]).not.toBe(files[1]);
}

describe('package.json', () => {
	it('is a community node package without runtime dependencies', () => {
		expect(PACKAGE.name).toMatch(/^n8n-nodes-/);
		expect(PACKAGE.keywords).toContain('n8n-community-node-package');
		expect(PACKAGE.dependencies ?? {}).toEqual({});
		expect(PACKAGE.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(PACKAGE.files).toEqual(['dist']);
		expect(PACKAGE.n8n.n8nNodesApiVersion).toBe(1);
		const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];
		expect(Object.keys(PACKAGE.scripts).filter((name) => lifecycle.includes(name))).toEqual([]);
	});

	it('registers exactly the node and credential files of the sources, as dist/ paths', () => {
		for (const distPath of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials]) {
			expect(distPath).toMatch(/^dist\/.+\.(node|credentials)\.js$/);
		}
		const registered = (list: string[]) => list.map(sourceOf).sort();
		expect(registered(PACKAGE.n8n.nodes)).toEqual(
			SHIPPED_SOURCES.filter((file) => file.endsWith('.node.ts')).sort(),
		);
		expect(registered(PACKAGE.n8n.credentials)).toEqual(
			SHIPPED_SOURCES.filter((file) => file.endsWith('.credentials.ts')).sort(),
		);
	});
});

/** Globals through which code reaches the environment, the file system or other modules. */
const FORBIDDEN_GLOBALS = ['process', 'require', '__dirname', '__filename', 'globalThis'];
const BUILTINS = new Set(builtinModules);

/** n8n-workflow, a `node:` built-in other than fs, or a file inside credentials/ or nodes/. */
function isAllowedImport(file: string, specifier: string): boolean {
	if (specifier === 'n8n-workflow') return true;
	if (specifier.startsWith('node:')) {
		return BUILTINS.has(specifier.slice(5)) && !/^node:fs(\/|$)/.test(specifier);
	}
	if (!specifier.startsWith('./') && !specifier.startsWith('../')) return false;
	return /^(credentials|nodes)\//.test(path.posix.join(path.posix.dirname(file), specifier));
}

describe('shipped sources (credentials/, nodes/)', () => {
	it('import only n8n-workflow, node: built-ins (never fs) and their own files', () => {
		const refused: string[] = [];
		for (const file of SHIPPED_SOURCES) {
			for (const node of nodesOf(parse(file))) {
				let specifier: string | undefined;
				if (
					(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
					node.moduleSpecifier &&
					ts.isStringLiteral(node.moduleSpecifier)
				) {
					specifier = node.moduleSpecifier.text;
				} else if (ts.isImportEqualsDeclaration(node)) {
					specifier = 'import = require()';
				} else if (
					ts.isCallExpression(node) &&
					node.expression.kind === ts.SyntaxKind.ImportKeyword
				) {
					specifier = 'import()';
				}
				if (specifier !== undefined && !isAllowedImport(file, specifier)) {
					refused.push(`${file}:${lineOf(node)} ${specifier}`);
				}
			}
		}
		expect(refused).toEqual([]);
	});

	it('read no environment, no files and call no require()', () => {
		const found: string[] = [];
		for (const file of SHIPPED_SOURCES) {
			for (const node of nodesOf(parse(file))) {
				if (!ts.isIdentifier(node) || !FORBIDDEN_GLOBALS.includes(node.text)) continue;
				const parent = node.parent;
				const isPropertyName =
					(ts.isPropertyAccessExpression(parent) && parent.name === node) ||
					(ts.isPropertyAssignment(parent) && parent.name === node);
				if (!isPropertyName) found.push(`${file}:${lineOf(node)} ${node.text}`);
			}
		}
		expect(found).toEqual([]);
	});

	it('sets pairedItem on every output item the operations build', () => {
		const operationFiles = SHIPPED_SOURCES.filter((file) =>
			/^nodes\/Airudder\/(actions|chatbot)\//.test(file),
		);
		const missing: string[] = [];
		let items = 0;
		for (const file of operationFiles) {
			for (const node of nodesOf(parse(file))) {
				if (!ts.isObjectLiteralExpression(node)) continue;
				const names = node.properties.map((property) => property.name?.getText());
				if (!names.includes('json')) continue;
				items++;
				if (!names.includes('pairedItem')) missing.push(`${file}:${lineOf(node)}`);
			}
		}
		expect(items).toBeGreaterThan(10);
		expect(missing).toEqual([]);
	});
});

function lineOf(node: ts.Node): number {
	return node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
}

describe.each(NODES)('node $source', ({ source, type }) => {
	const description = type.description as INodeTypeDescription;
	const isTrigger = description.group.includes('trigger');

	it('has light and dark SVG icons', () => expectIconPair(source, description.icon));

	it('has a codex file beside it', () => {
		const codexFile = source.replace(/\.ts$/, '.json');
		expect(existsSync(path.join(ROOT, codexFile))).toBe(true);
		const codex = JSON.parse(read(codexFile));
		expect(codex).toMatchObject({
			node: `${PACKAGE.name}.${description.name}`,
			nodeVersion: '1.0',
			codexVersion: '1.0',
		});
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
	});

	it('uses only this package’s credentials', () => {
		const own = CREDENTIALS.map(({ type: credential }) => credential.name);
		for (const { name } of description.credentials ?? []) expect(own).toContain(name);
	});

	if (!isTrigger) {
		it('is usable as an AI tool, with the operation and resource as subtitle', () => {
			expect(description.usableAsTool).toBe(true);
			expect(description.subtitle).toBe(
				'={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			);
		});
	}
});

describe('tool descriptions', () => {
	const airudder = NODES.find(({ type }) => type.description.name === 'airudder')!;
	const description = airudder.type.description as INodeTypeDescription;

	it.each(['task', 'workflow'])(
		'warn an AI agent that %s → Create places real phone calls',
		(resource) => {
			expect(makeDescription({ resource, operation: 'create' }, description)).toMatch(
				/places real phone calls/,
			);
			expect(description.description).toMatch(/real phone calls/);
		},
	);

	it('warn an AI agent that a template message reaches real recipients', () => {
		const chatbot = NODES.find(({ type }) => type.description.name === 'airudderChatbot')!;
		expect(
			makeDescription(
				{ resource: 'templateMessage', operation: 'send' },
				chatbot.type.description as INodeTypeDescription,
			),
		).toMatch(/real recipients/);
	});
});

describe.each(CREDENTIALS)('credential $source', ({ source, type }) => {
	it('has light and dark SVG icons', () => expectIconPair(source, type.icon));

	it('links its documentation', () => {
		expect(type.documentationUrl).toMatch(/^https:\/\/\S+$/);
	});
});

describe('npm pack', () => {
	let packed: string[];

	beforeAll(() => {
		const built = [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials, 'dist/index.js'];
		if (!built.every((file) => existsSync(path.join(ROOT, file)))) {
			execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
		}
		const answer = execFileSync('npm', ['pack', '--dry-run', '--json'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		packed = (JSON.parse(answer) as Array<{ files: Array<{ path: string }> }>)[0].files.map(
			(file) => file.path,
		);
	}, 120_000);

	it('holds only dist/, README.md, LICENSE and package.json', () => {
		expect(packed.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
			'LICENSE',
			'README.md',
			'package.json',
		]);
	});

	it('holds every registered node and credential with its icons and codex', () => {
		for (const distPath of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials]) {
			expect(packed).toContain(distPath);
		}
		for (const { source, type } of [...NODES, ...CREDENTIALS]) {
			const icon = (type as { icon?: unknown }).icon ?? (type as INodeType).description.icon;
			for (const ref of Object.values(icon as Record<string, string>)) {
				expect(packed).toContain(
					`dist/${path.posix.join(path.posix.dirname(source), ref.slice('file:'.length))}`,
				);
			}
		}
		for (const { source } of NODES)
			expect(packed).toContain(`dist/${source.replace(/\.ts$/, '.json')}`);
	});

	it('holds no JavaScript without a shipped source (no stale or test files)', () => {
		const stale = packed
			.filter((file) => file.endsWith('.js'))
			.map(sourceOf)
			.filter((source) => source !== 'index.ts' && !SHIPPED_SOURCES.includes(source));
		expect(stale).toEqual([]);
	});
});

describe('release workflow (.github/workflows/release.yml)', () => {
	const text = readFileSync(path.join(__dirname, '../../.github/workflows/release.yml'), 'utf8');
	const jobs = text.slice(text.indexOf('\njobs:\n'));
	const job = (name: string) => {
		const start = jobs.indexOf(`\n  ${name}:\n`);
		const next = jobs.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
		return next < 0 ? jobs.slice(start) : jobs.slice(start, start + 1 + next);
	};

	it('runs the tests without an OIDC identity, and publishes only after them', () => {
		const header = text.slice(0, text.indexOf('\njobs:\n')).replace(/^#.*$/gm, '');
		expect(header).not.toContain('id-token');
		expect(job('test')).toContain('npm test');
		expect(job('test')).not.toMatch(/id-token|npm publish|NPM_TOKEN/);
		const publish = job('publish');
		expect(publish).toMatch(/\n {4}needs: test\n/);
		expect(publish).toContain('id-token: write');
		expect(publish).toContain('npm ci --ignore-scripts');
		expect(publish).toContain('npm publish --provenance');
		expect(publish).not.toMatch(/npm (test|run test)/);
	});

	it('pins every action by its full commit SHA, naming the release in a comment', () => {
		const uses = [...text.matchAll(/uses:\s*(\S+)(.*)/g)];
		expect(uses.length).toBeGreaterThan(0);
		for (const [line, ref, comment] of uses) {
			expect({ line, pinned: /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref) }).toEqual({
				line,
				pinned: true,
			});
			expect(comment).toMatch(/^ # v\d/);
		}
	});
});
