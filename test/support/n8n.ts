/**
 * Drives a real n8n (installed by scripts/n8n-runtime.sh, run on Node 24) from jest e2e tests and
 * the demo: line 2 = n8n 2.41.1 (the default), line 1 = n8n 1.123.81 (see {@link N8nLine}): CLI import/publish/execute, `n8n start` with webhooks, REST as the owner,
 * and reads of the execution table. Every process it starts gets its own process group and is
 * killed by `stop()` (and, as a last resort, when the calling process exits).
 *
 * Only Node built-ins and `got` are used here; n8n's own `bcryptjs` and `flatted` are loaded
 * from its install, and the sqlite DB is read by a Node 24 child (`node:sqlite`).
 */
import { execFile, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import got, { type Method } from 'got';
import type {
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	IRunExecutionData,
} from 'n8n-workflow';

const execFileAsync = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The n8n lines the package is tested on: 2 = n8n 2.41.1, 1 = n8n 1.123.81 (the newest 1.x).
 * What differs for the tests: 1.x activates workflows with `update:workflow --active=true` (no
 * `publish:workflow`) and activates them at start-up without a `workflow_publication_outbox`.
 */
export type N8nLine = 1 | 2;

/** The n8n version each line installs (as pinned in scripts/n8n-runtime.sh). */
export const N8N_VERSIONS: Record<N8nLine, string> = { 2: '2.41.1', 1: '1.123.81' };

/** Paths of the installed runtime, as printed by scripts/n8n-runtime.sh. */
export interface N8nRuntime {
	/** The n8n line (see {@link N8nLine}). */
	line: N8nLine;
	/** The Node 24 binary. */
	node: string;
	/** n8n's bin script; run it as `spawn(node, [n8n, ...args])`. */
	n8n: string;
}

/** The owner account that every instance creates at `n8n start` (N8N_INSTANCE_OWNER_*). */
export const OWNER = { email: 'owner@example.com', password: 'E2eTestPassw0rd' } as const;

/**
 * One workflow run as n8n serialises it: the JSON of `n8n execute --rawOutput`, or an execution
 * read back from the DB by {@link N8nInstance.executionRun}.
 */
export interface RunResult {
	status: ExecutionStatus;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	data: IRunExecutionData;
}

/** A workflow as `n8n import:workflow` takes it (an explicit `id` is required here). */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	[key: string]: unknown;
}

/** A row of n8n's `execution_entity` table (the columns tests care about). */
export interface ExecutionRow {
	id: number;
	workflowId: string;
	mode: string;
	status: ExecutionStatus;
	finished: number;
	startedAt: string | null;
	stoppedAt: string | null;
}

/** Options of {@link N8nInstance}. */
export interface N8nInstanceOptions {
	/** The n8n line to run (default 2: n8n 2.41.1). */
	line?: N8nLine;
	/**
	 * Folder(s) with compiled `*.node.js` / `*.credentials.js` files (N8N_CUSTOM_EXTENSIONS).
	 * Each is copied to a temp folder with no `node_modules` above it, so the nodes use n8n's own
	 * `n8n-workflow`. Node types become `CUSTOM.<description.name>`.
	 */
	customNodesDir?: string | string[];
	/**
	 * A built community-node package (a folder with a package.json that has an `n8n` section,
	 * e.g. the repo root after `npm run build`). Its package.json and `files` entries (plain
	 * paths, no globs) are copied to `<user folder>/.n8n/nodes/node_modules/<name>`, where a
	 * manual community-node install puts it; n8n loads it from there at start-up, with its own
	 * `n8n-workflow`. Node types become `<package name>.<description.name>`.
	 */
	packageDir?: string;
	/** HTTP port of `n8n start`; a free one by default. */
	port?: number;
	/** Task-runner broker port of `n8n start`; a free one by default. */
	brokerPort?: number;
	/** Extra environment for every n8n process; wins over the defaults. */
	env?: Record<string, string>;
	/** Keep the temp work dir after `stop()` (default: env AIRUDDER_E2E_KEEP=1). */
	keepWorkDir?: boolean;
}

const runtimePromises = new Map<N8nLine, Promise<N8nRuntime>>();

/**
 * Installs Node 24 + the n8n of `line` (default 2: n8n 2.41.1) into the tool cache if needed
 * (scripts/n8n-runtime.sh; minutes when cold, instant when cached) and returns their paths.
 * Memoised per process and line; progress goes to stderr.
 */
export function ensureN8nRuntime(line: N8nLine = 2): Promise<N8nRuntime> {
	const known = runtimePromises.get(line);
	if (known) return known;
	const promise = new Promise<N8nRuntime>((resolve, reject) => {
		const child = spawn('bash', [path.join(REPO_ROOT, 'scripts/n8n-runtime.sh'), String(line)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			const value = (key: string) => stdout.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
			const node = value('NODE24');
			const n8n = value('N8N_BIN');
			if (code !== 0 || !node || !n8n) {
				reject(new Error(`scripts/n8n-runtime.sh ${line} failed (exit ${code}):\n${stdout}`));
			} else {
				resolve({ line, node, n8n });
			}
		});
	});
	runtimePromises.set(line, promise);
	return promise;
}

/** Returns the `json` of the items one node emitted in a run (first run, first output by default). */
export function nodeOutput(
	run: RunResult,
	nodeName: string,
	output = 0,
	runIndex = 0,
): IDataObject[] {
	const task = run.data.resultData.runData[nodeName]?.[runIndex];
	if (!task)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(run.data.resultData.runData).join(', ')})`,
		);
	return (task.data?.main[output] ?? []).map((item) => item.json);
}

/** A free TCP port on 127.0.0.1 (free when asked; there is a small race until n8n binds it). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Sends a signal to a whole process group, ignoring groups that are already gone. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// ESRCH: nothing left in the group
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One isolated n8n instance: its own temp folder (user folder with the sqlite DB, TMPDIR, log,
 * copies of the custom node folders), ports and owner. Files are created in the constructor;
 * the runtime, ports and env are prepared on the first method call.
 *
 * CLI commands work with or without the server running (they share the DB). Publish workflows
 * before `start()`: the running server does not see CLI publications.
 */
export class N8nInstance {
	/** Temp folder holding everything of this instance. */
	readonly workDir: string;
	private readonly userFolder: string;
	private readonly logFile: string;
	private readonly dbFile: string;
	private readonly customDirs: string[];
	private readonly keepWorkDir: boolean;
	private readonly groups = new Set<number>();
	/** SIGKILLs every process group still alive; also hooked to the calling process's `exit`. */
	private readonly killAll = () => this.groups.forEach((pid) => killGroup(pid, 'SIGKILL'));
	private prepared?: Promise<{ runtime: N8nRuntime; env: NodeJS.ProcessEnv }>;
	private server?: ChildProcess;
	private cookie?: string;
	private port?: number;
	private fileCounter = 0;

	constructor(private readonly options: N8nInstanceOptions) {
		this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		this.userFolder = path.join(this.workDir, 'home');
		this.logFile = path.join(this.workDir, 'n8n.log');
		this.dbFile = path.join(this.userFolder, '.n8n', 'database.sqlite');
		fs.mkdirSync(path.join(this.workDir, 'tmp'), { recursive: true });
		fs.mkdirSync(this.userFolder, { recursive: true });
		if (!options.customNodesDir && !options.packageDir)
			throw new Error('N8nInstance needs customNodesDir or packageDir');
		if (options.packageDir) this.installPackage(options.packageDir);
		this.customDirs = [options.customNodesDir ?? []].flat().map((source, i) => {
			if (!fs.existsSync(source))
				throw new Error(`custom nodes folder ${source} does not exist (build first?)`);
			const target = path.join(this.workDir, 'custom', String(i));
			fs.cpSync(source, target, {
				recursive: true,
				filter: (src) => path.basename(src) !== 'node_modules',
			});
			return target;
		});
		this.keepWorkDir = options.keepWorkDir ?? process.env.AIRUDDER_E2E_KEEP === '1';
		process.on('exit', this.killAll);
	}

	/** `http://127.0.0.1:<port>` of the server (known after the first method call). */
	get baseUrl(): string {
		if (this.port === undefined)
			throw new Error('N8nInstance not prepared yet: call a method first');
		return `http://127.0.0.1:${this.port}`;
	}

	/** Production URL of a webhook: `/webhook/<node.webhookId>/<path of the webhook description>`. */
	webhookUrl(webhookId: string, webhookPath: string): string {
		return `${this.baseUrl}/webhook/${webhookId}/${webhookPath.replace(/^\//, '')}`;
	}

	/**
	 * Imports credentials with `n8n import:credentials`. Give each an explicit `id`, `name`,
	 * `type` and `data` as a plain object: n8n 2.41 encrypts object `data` itself on import.
	 */
	async importCredentials(creds: object[]): Promise<void> {
		await this.cli(['import:credentials', `--input=${this.writeInput('credentials', creds)}`]);
	}

	/**
	 * Imports workflows with one `n8n import:workflow` (each CLI call costs ~4 s, so pass several at
	 * once). Each needs an explicit `id`; imported workflows are unpublished.
	 */
	async importWorkflow(wf: WorkflowJson | WorkflowJson[]): Promise<void> {
		await this.cli(['import:workflow', `--input=${this.writeInput('workflow', wf)}`]);
	}

	/** The n8n line this instance runs (see {@link N8nLine}). */
	get line(): N8nLine {
		return this.options.line ?? 2;
	}

	/**
	 * Publishes (activates) a workflow with `n8n publish:workflow` (n8n 1.x: `update:workflow
	 * --active=true`). Do it before `start()`: the server activates published workflows at
	 * start-up and does not see later CLI publications.
	 */
	async publishWorkflow(id: string): Promise<void> {
		if (this.server)
			throw new Error(
				`publish workflow ${id} before start(): the running server would not activate it`,
			);
		await this.cli(
			this.line === 1
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`],
		);
	}

	/**
	 * Runs a workflow that starts with a Manual Trigger through `n8n execute --id --rawOutput` and
	 * returns its run, also when the workflow failed (then `status` is 'error' and
	 * `data.resultData.error` is set). Uses a broker port of its own, so it can run next to
	 * the server. Throws if the run can be found neither in the output nor in the DB.
	 */
	async execute(id: string): Promise<RunResult> {
		const [{ lastId }] = await this.query<{ lastId: number }>(
			'SELECT COALESCE(MAX(id), 0) AS lastId FROM execution_entity',
		);
		const { stdout, stderr, code } = await this.runCli(['execute', `--id=${id}`, '--rawOutput'], {
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		// stdout starts with log lines; the pretty-printed run is the block from a line that is
		// exactly `{` to the next line that is exactly `}`.
		const lines = stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.indexOf('}', start);
		if (start >= 0 && end >= 0)
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as RunResult;
		// A run that fails before its first node (e.g. WorkflowHasIssuesError: a required parameter
		// is empty) makes n8n 2.41 print "No active execution found" instead; it is in the DB.
		const [stored] = await this.query<{ id: number }>(
			'SELECT id FROM execution_entity WHERE workflowId = ? AND id > ? ORDER BY id DESC LIMIT 1',
			id,
			lastId,
		);
		if (stored) return await this.executionRun(stored.id);
		throw new Error(
			`n8n execute --id=${id} printed no run and stored none (exit ${code}):\n${stdout}\n${stderr}`,
		);
	}

	/**
	 * Starts `n8n start` (log in {@link logs}) and resolves when `/healthz/readiness` answers 200
	 * and every published workflow is activated, i.e. its webhooks listen. Throws if n8n exits,
	 * is not ready in time, or fails to activate a published workflow (with n8n's reason).
	 */
	async start(timeoutMs = 120_000): Promise<void> {
		if (this.server) throw new Error('n8n is already started');
		const { env } = await this.prepare();
		const [{ lastId }] =
			this.line === 2 && fs.existsSync(this.dbFile)
				? await this.query<{ lastId: number }>(
						'SELECT COALESCE(MAX(id), 0) AS lastId FROM workflow_publication_outbox',
					)
				: [{ lastId: 0 }];
		const fd = fs.openSync(this.logFile, 'a');
		fs.writeSync(fd, '--- n8n start\n');
		this.server = await this.spawnN8n(['start'], env, ['ignore', fd, fd]);
		fs.closeSync(fd);
		const server = this.server;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (server.exitCode !== null || server.signalCode !== null) {
				throw new Error(
					`n8n start exited (${server.exitCode ?? server.signalCode}):\n${this.logTail()}`,
				);
			}
			if (Date.now() > deadline)
				throw new Error(`n8n not ready after ${timeoutMs} ms:\n${this.logTail()}`);
			const ready = await got(`${this.baseUrl}/healthz/readiness`, {
				throwHttpErrors: false,
				retry: 0,
				timeout: 2000,
			})
				.then((res) => res.statusCode === 200)
				.catch(() => false);
			if (ready && (await this.activationsDone(lastId))) return;
			await sleep(300);
		}
	}

	/**
	 * Logs in as {@link OWNER} over REST and keeps the `n8n-auth` cookie for {@link rest}. n8n 1.x
	 * knows no N8N_INSTANCE_OWNER_* variables: there the owner is set up first (`/rest/owner/setup`,
	 * refused once an owner exists).
	 */
	async login(): Promise<void> {
		if (this.line === 1) {
			await got.post(`${this.baseUrl}/rest/owner/setup`, {
				json: { ...OWNER, firstName: 'E2e', lastName: 'Owner' },
				throwHttpErrors: false,
				retry: { limit: 0 },
			});
		}
		const res = await got.post(`${this.baseUrl}/rest/login`, {
			json: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
			retry: 0,
		});
		const cookie = res.headers['set-cookie']?.find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error(`login set no n8n-auth cookie: ${res.body}`);
		this.cookie = cookie.split(';')[0];
	}

	/**
	 * Calls n8n's internal REST API (`/rest<restPath>`) as the owner (logs in on first use) and
	 * returns the parsed JSON body; most endpoints wrap their result in `{ data }`. Throws on
	 * non-2xx answers (got's HTTPError, with `response.body`).
	 */
	async rest<T = unknown>(method: Method, restPath: string, body?: object): Promise<T> {
		if (!this.cookie) await this.login();
		const res = await got<T>(`${this.baseUrl}/rest${restPath}`, {
			method,
			json: body,
			headers: { cookie: this.cookie },
			responseType: 'json',
			retry: 0,
		});
		return res.body;
	}

	/** GETs a server path outside `/rest` (e.g. `/types/nodes.json`) as the owner; parsed JSON. */
	async getJson<T = unknown>(urlPath: string): Promise<T> {
		if (!this.cookie) await this.login();
		const res = await got<T>(`${this.baseUrl}${urlPath}`, {
			headers: { cookie: this.cookie },
			responseType: 'json',
			retry: { limit: 0 },
		});
		return res.body;
	}

	/**
	 * Runs a read-only SQL query on the instance's sqlite DB (works while n8n runs: a read that meets
	 * n8n's write lock waits for it up to 10 s, sqlite's busy time-out, instead of failing "locked").
	 */
	async query<T = Record<string, unknown>>(
		sql: string,
		...params: (string | number)[]
	): Promise<T[]> {
		const { runtime } = await this.prepare();
		const script =
			"const { DatabaseSync } = require('node:sqlite');" +
			'const [file, sql, params] = process.argv.slice(1);' +
			'const db = new DatabaseSync(file, { readOnly: true, timeout: 10000 });' +
			'process.stdout.write(JSON.stringify(db.prepare(sql).all(...JSON.parse(params))));';
		const { stdout } = await execFileAsync(
			runtime.node,
			['--no-warnings', '-e', script, this.dbFile, sql, JSON.stringify(params)],
			{
				maxBuffer: 256 * 1024 * 1024,
			},
		);
		return JSON.parse(stdout) as T[];
	}

	/** All executions, oldest first, read from the DB. */
	async executions(): Promise<ExecutionRow[]> {
		return await this.query<ExecutionRow>(
			'SELECT id, workflowId, mode, status, finished, startedAt, stoppedAt FROM execution_entity ORDER BY id',
		);
	}

	/**
	 * Polls {@link executions} until one matches `match` and has finished (status is neither
	 * 'new' nor 'running'), e.g. after a webhook call that n8n answered before running the workflow.
	 */
	async waitForExecution(
		match: (row: ExecutionRow) => boolean,
		timeoutMs = 30_000,
	): Promise<ExecutionRow> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const row = (await this.executions()).find(
				(r) => match(r) && r.status !== 'new' && r.status !== 'running',
			);
			if (row) return row;
			if (Date.now() > deadline)
				throw new Error(`no finished execution matched within ${timeoutMs} ms:\n${this.logTail()}`);
			await sleep(300);
		}
	}

	/**
	 * The full run of a stored execution (same shape as {@link execute}'s result; the times are
	 * as the DB stores them, UTC without a zone).
	 */
	async executionRun(executionId: number): Promise<RunResult> {
		const [row] = await this.query<ExecutionRow & { data: string }>(
			'SELECT e.mode, e.status, e.startedAt, e.stoppedAt, d.data FROM execution_entity e ' +
				'JOIN execution_data d ON d.executionId = e.id WHERE e.id = ?',
			executionId,
		);
		if (!row) throw new Error(`execution ${executionId} not found`);
		const { runtime } = await this.prepare();
		const flatted = this.n8nRequire(runtime)('flatted') as {
			parse(text: string): IRunExecutionData;
		};
		return {
			status: row.status,
			mode: row.mode,
			startedAt: row.startedAt ?? '',
			stoppedAt: row.stoppedAt ?? undefined,
			data: flatted.parse(row.data),
		};
	}

	/** Everything n8n printed so far: each CLI command's output and the server log. */
	logs(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/**
	 * Stops the server (SIGTERM, SIGKILL after 20 s) and kills whatever is left of every process
	 * group this instance started (task runners, CLI commands); then removes the work dir unless
	 * `keepWorkDir`. Safe to call more than once and when nothing was started.
	 */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
			let timer: NodeJS.Timeout | undefined;
			const exited = new Promise((resolve) => {
				server.once('exit', resolve);
				timer = setTimeout(resolve, 20_000);
			});
			killGroup(server.pid, 'SIGTERM');
			await exited;
			clearTimeout(timer);
		}
		this.killAll();
		this.groups.clear();
		process.off('exit', this.killAll);
		if (this.keepWorkDir) {
			process.stderr.write(`n8n work dir kept: ${this.workDir}\n`);
		} else {
			fs.rmSync(this.workDir, { recursive: true, force: true });
		}
	}

	/** Copies a built package where n8n looks for installed community packages (see `packageDir`). */
	private installPackage(packageDir: string): void {
		const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
			name: string;
			files?: string[];
			n8n?: { nodes?: string[]; credentials?: string[] };
		};
		const target = path.join(this.userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
		const entries =
			pkg.files ??
			fs.readdirSync(packageDir).filter((name) => name !== 'node_modules' && !name.startsWith('.'));
		for (const entry of ['package.json', ...entries]) {
			const source = path.join(packageDir, entry);
			if (fs.existsSync(source)) {
				fs.cpSync(source, path.join(target, entry), {
					recursive: true,
					filter: (src) => path.basename(src) !== 'node_modules',
				});
			}
		}
		const missing = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].filter(
			(file) => !fs.existsSync(path.join(target, file)),
		);
		if (!pkg.n8n || missing.length) {
			throw new Error(
				`${packageDir} is not a built n8n package (no "n8n" section, or missing: ${missing.join(', ')}; build first?)`,
			);
		}
	}

	/** Resolves the runtime, ports, owner password hash and the environment of every n8n process. */
	private prepare(): Promise<{ runtime: N8nRuntime; env: NodeJS.ProcessEnv }> {
		this.prepared ??= (async () => {
			const runtime = await ensureN8nRuntime(this.line);
			this.port = this.options.port ?? (await freePort());
			const brokerPort = this.options.brokerPort ?? (await freePort());
			const bcrypt = this.n8nRequire(runtime)('bcryptjs') as {
				hashSync(text: string, rounds: number): string;
			};
			const env: NodeJS.ProcessEnv = {
				// n8n starts its JS task runner as plain `node`: Node 24 must come first on PATH
				PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
				HOME: process.env.HOME,
				LANG: process.env.LANG,
				TZ: process.env.TZ,
				TMPDIR: path.join(this.workDir, 'tmp'),
				N8N_USER_FOLDER: this.userFolder,
				N8N_CUSTOM_EXTENSIONS: this.customDirs.length ? this.customDirs.join(';') : undefined,
				N8N_ENCRYPTION_KEY: 'e2e-test-encryption-key-0123456789',
				N8N_PORT: String(this.port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
				DB_TYPE: 'sqlite',
				N8N_SECURE_COOKIE: 'false',
				N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
				N8N_DIAGNOSTICS_ENABLED: 'false',
				N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
				N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
				N8N_TEMPLATES_ENABLED: 'false',
				N8N_PERSONALIZATION_ENABLED: 'false',
				N8N_DYNAMIC_BANNERS_ENABLED: 'false',
				// no calls to api.n8n.io (MCP server registry, vetted community-node list); n8n 1.x has
				// no mcp-registry module and refuses to start with an unknown one disabled
				N8N_DISABLED_MODULES: this.line === 2 ? 'mcp-registry' : undefined,
				N8N_VERIFIED_PACKAGES_ENABLED: 'false',
				N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
				N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
				N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
				...this.options.env,
			};
			return { runtime, env };
		})();
		return this.prepared;
	}

	/**
	 * Whether the server has activated every published workflow: n8n 2.x through its publication
	 * outbox ({@link publicationsDone}); n8n 1.x activates them all after `/healthz/readiness`
	 * turns 200 and then prints "Editor is now accessible via", or logs "Issue on initial workflow
	 * activation try of <workflow>" for one it could not activate (thrown here).
	 */
	private async activationsDone(afterOutboxId: number): Promise<boolean> {
		if (this.line === 2) return await this.publicationsDone(afterOutboxId);
		const log = this.logs().slice(this.logs().lastIndexOf('--- n8n start'));
		const failed = log.match(/Issue on initial workflow activation try of .*/);
		if (failed)
			throw new Error(`n8n could not activate a workflow: ${failed[0]}\n${this.logTail()}`);
		return log.includes('Editor is now accessible via');
	}

	/**
	 * Whether n8n has processed the start-up publication of every published workflow. n8n 2.41
	 * activates them in the background after `/healthz/readiness` turns 200, through its
	 * `workflow_publication_outbox` table (one record per workflow and start-up, ids after
	 * `afterOutboxId`). Throws when an activation failed.
	 */
	private async publicationsDone(afterOutboxId: number): Promise<boolean> {
		const rows = await this.query<{
			id: string;
			name: string;
			status: string | null;
			errorMessage: string | null;
		}>(
			'SELECT w.id, w.name, o.status, o.errorMessage FROM workflow_entity w ' +
				'LEFT JOIN workflow_publication_outbox o ON o.workflowId = w.id AND o.publishedVersionId = w.activeVersionId AND o.id > ? ' +
				'WHERE w.activeVersionId IS NOT NULL',
			afterOutboxId,
		);
		const failed = rows.find((r) => r.status === 'failed' || r.status === 'partial_success');
		if (failed) {
			throw new Error(
				`n8n could not activate workflow ${failed.id} "${failed.name}" (${failed.status}): ${failed.errorMessage}`,
			);
		}
		const done = new Set(rows.filter((r) => r.status === 'completed').map((r) => r.id));
		return rows.every((r) => done.has(r.id));
	}

	/** `require` as seen from n8n's own package, for its dependencies (bcryptjs, flatted). */
	private n8nRequire(runtime: N8nRuntime): NodeJS.Require {
		return createRequire(fs.realpathSync(runtime.n8n));
	}

	/** Writes a CLI input file into the work dir and returns its path. */
	private writeInput(kind: string, content: unknown): string {
		const file = path.join(this.workDir, `${kind}-${++this.fileCounter}.json`);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	/** Runs an n8n CLI command and throws (with its output) unless it exits with 0. */
	private async cli(args: string[]): Promise<void> {
		const { code, stdout, stderr } = await this.runCli(args);
		if (code !== 0)
			throw new Error(`n8n ${args.join(' ')} exited with ${code}:\n${stdout}\n${stderr}`);
	}

	/** Runs an n8n CLI command to its end (killed after 5 min), appending its output to the log. */
	private async runCli(
		args: string[],
		extraEnv: NodeJS.ProcessEnv = {},
	): Promise<{ code: number | null; stdout: string; stderr: string }> {
		const { env } = await this.prepare();
		const child = await this.spawnN8n(args, { ...env, ...extraEnv }, ['ignore', 'pipe', 'pipe']);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(
			() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'),
			5 * 60_000,
		);
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', resolve);
		}).finally(() => clearTimeout(timer));
		fs.appendFileSync(this.logFile, `--- n8n ${args.join(' ')} (exit ${code})\n${stdout}${stderr}`);
		return { code, stdout, stderr };
	}

	/**
	 * Spawns `node24 n8n <args>` in a process group of its own. When the leader exits, the rest
	 * of the group (e.g. a task runner) is killed too.
	 */
	private async spawnN8n(
		args: string[],
		env: NodeJS.ProcessEnv,
		stdio: StdioOptions,
	): Promise<ChildProcess> {
		const { runtime } = await this.prepare();
		const child = spawn(runtime.node, [runtime.n8n, ...args], {
			cwd: this.workDir,
			env,
			stdio,
			detached: true,
		});
		const pid = child.pid;
		if (pid !== undefined) {
			this.groups.add(pid);
			child.once('exit', () => {
				killGroup(pid, 'SIGKILL');
				this.groups.delete(pid);
			});
		}
		return child;
	}

	/** The last 60 lines of the log, for error messages. */
	private logTail(): string {
		return this.logs().split('\n').slice(-60).join('\n');
	}
}
