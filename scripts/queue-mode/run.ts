/**
 * The body of scripts/queue-mode.sh (see there): Redis, PostgreSQL, the sandbox and n8n 2.41.1 in
 * queue mode (main + one worker + one webhook processor sharing one Postgres DB and one encryption
 * key), the checks, and the clean-up of everything it started (also on SIGTERM/SIGINT).
 * Loopback only. Env: PG_BIN (folder of initdb/postgres/psql, set by queue-mode.sh),
 * QUEUE_CALLBACKS (200), QUEUE_KEEP=1 (keep the work dir with every log).
 *
 * Why not test/support/n8n.ts's N8nInstance: it reads n8n's sqlite file, and n8n 2.41 in queue mode
 * needs a database several processes can write at once — with sqlite the worker and the webhook
 * processor fail executions with SQLITE_BUSY ("Scaling mode is not officially supported with
 * sqlite", n8n warns). So this script starts the processes itself and reads Postgres with psql.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { INode } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ensureN8nRuntime, type N8nRuntime, type WorkflowJson } from '../../test/support/n8n';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const APP_KEY = 'queue-app-key';
const APP_SECRET = 'queue-app-secret';
const CALLBACKS = Number(process.env.QUEUE_CALLBACKS ?? 200);
const WEBHOOK_RUNS = 5;
const PG_BIN = process.env.PG_BIN ?? '';
const AS_ROOT = process.getuid?.() === 0;

const say = (text: string) =>
	process.stderr.write(`[queue-mode ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const example = (name: string) =>
	JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as WorkflowJson;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer().on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Long-running processes this script spawned, each the leader of its own process group. */
const children: ChildProcess[] = [];

/** SIGTERM to every group of `group` still alive, SIGKILL to what is left after `graceMs`. */
async function stopGroups(group: ChildProcess[], graceMs = 10_000): Promise<void> {
	const alive = () =>
		group.filter((c) => c.pid !== undefined && c.exitCode === null && c.signalCode === null);
	const signal = (sig: NodeJS.Signals) =>
		alive().forEach((c) => {
			try {
				process.kill(-(c.pid as number), sig);
			} catch {
				// already gone
			}
		});
	signal('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (alive().length && Date.now() < deadline) await sleep(200);
	signal('SIGKILL');
}

/** Last resort on exit: SIGKILL to every group still alive (synchronous). */
function killAllNow(): void {
	for (const c of children) {
		if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) {
			try {
				process.kill(-c.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
}

/** Stops n8n's processes first (they still talk to Redis and Postgres while shutting down), then the rest. */
async function stopChildren(): Promise<void> {
	const services = children.slice(0, 2); // redis-server, postgres
	await stopGroups(children.slice(2));
	await stopGroups(services);
}

/** Spawns a long-running process in its own group, stdout+stderr appended to `log`. */
function launch(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	log: string,
	cwd: string,
): ChildProcess {
	const fd = fs.openSync(log, 'a');
	const child = spawn(command, args, { env, cwd, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	children.push(child);
	return child;
}

/** Resolves once `probe` is true; throws with the log's tail if the process exits or time runs out. */
async function waitReady(
	name: string,
	child: ChildProcess,
	log: string,
	probe: () => Promise<boolean>,
	timeoutMs = 180_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await probe().catch(() => false)) return;
		if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
			const tail = fs.existsSync(log)
				? fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')
				: '';
			throw new Error(
				`${name} ${child.exitCode !== null ? `exited (${child.exitCode})` : 'was not ready in time'}:\n${tail}`,
			);
		}
		await sleep(300);
	}
}

/** Runs a PostgreSQL binary, as the `postgres` user when this is root (Postgres refuses root). */
function pgCommand(binary: string, args: string[]): [string, string[]] {
	const bin = path.join(PG_BIN, binary);
	return AS_ROOT ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** One Redis PING over TCP. */
function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('data', (data) => {
			resolve(data.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

const httpStatus = (url: string, init: RequestInit = {}) =>
	fetch(url, { ...init, signal: AbortSignal.timeout(5000) }).then((r) => r.status);

/** examples/task-create.json started by n8n's Webhook node (answering at once) instead of the Manual Trigger. */
function taskFlowByWebhook(): WorkflowJson {
	const flow = example('task-create.json');
	return {
		...flow,
		id: 'queueTaskByWebhook',
		name: 'queue: task create by webhook',
		nodes: flow.nodes.map((n: INode): INode => {
			if (n.type === 'n8n-nodes-base.manualTrigger') {
				return {
					...n,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: '0b8f6a52-1c2d-4e3f-8a9b-0c0de0000001',
					parameters: {
						httpMethod: 'POST',
						path: 'queue-task-create',
						responseMode: 'onReceived',
						options: {},
					},
				};
			}
			// unique per execution: runs of the same second must not collide on AIRudder's unique TaskName
			return n.name === 'Create Task'
				? { ...n, parameters: { ...n.parameters, taskName: '=queue-{{ $execution.id }}' } }
				: n;
		}),
	};
}

/** Copies the built package where a manual community-node install puts it. */
function installPackage(userFolder: string): void {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		name: string;
		files: string[];
	};
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
	for (const entry of ['package.json', ...pkg.files])
		fs.cpSync(path.join(ROOT, entry), path.join(target, entry), { recursive: true });
}

async function main(): Promise<void> {
	if (!PG_BIN || !fs.existsSync(path.join(PG_BIN, 'postgres')))
		throw new Error(`PG_BIN (${PG_BIN}) is not a PostgreSQL bin folder; run scripts/queue-mode.sh`);
	const runtime: N8nRuntime = await ensureN8nRuntime();
	const [redisPort, pgPort, mainPort, webhookPort] = [
		await freePort(),
		await freePort(),
		await freePort(),
		await freePort(),
	];
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	// as root, Postgres runs as the `postgres` user, which must reach its data dir: /tmp, not $TMPDIR
	const pgDir = fs.mkdtempSync(path.join(AS_ROOT ? '/tmp' : os.tmpdir(), 'n8n-queue-pg-'));
	const userFolder = path.join(workDir, 'home');
	const log = (name: string) => path.join(workDir, `${name}.log`);
	let sandbox: Sandbox | undefined;
	const failures: string[] = [];
	const check = (ok: boolean, text: string) => {
		say(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
		if (!ok) failures.push(text);
	};
	const cleanUp = async () => {
		await stopChildren();
		await sandbox?.close();
		if (process.env.QUEUE_KEEP === '1') say(`work dir kept: ${workDir} (Postgres data: ${pgDir})`);
		else for (const dir of [workDir, pgDir]) fs.rmSync(dir, { recursive: true, force: true });
	};
	// a signal stops everything first (npx/tsx in front of this process may exit at once: the shell
	// script waits for the whole process group); on any other exit, whatever is left is killed
	let stopping = false;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			if (stopping) return;
			stopping = true;
			say(`${sig}: stopping everything`);
			void cleanUp().finally(() => process.exit(130));
		});
	}
	process.on('exit', killAllNow);

	try {
		fs.mkdirSync(path.join(workDir, 'tmp'));
		installPackage(userFolder);

		// ------------------------------------------------------------ Redis and PostgreSQL on 127.0.0.1
		say(`starting redis-server on 127.0.0.1:${redisPort}`);
		const redis = launch(
			'redis-server',
			[
				'--bind',
				'127.0.0.1',
				'--port',
				String(redisPort),
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				workDir,
			],
			{ PATH: process.env.PATH },
			log('redis'),
			workDir,
		);
		await waitReady('redis-server', redis, log('redis'), () => redisPing(redisPort), 30_000);

		say(`starting PostgreSQL (${PG_BIN}) on 127.0.0.1:${pgPort}`);
		if (AS_ROOT) await execFileAsync('chown', ['postgres:postgres', pgDir]);
		const [initdb, initdbArgs] = pgCommand('initdb', [
			'-D',
			pgDir,
			'-U',
			'n8n',
			'--auth=trust',
			'-E',
			'UTF8',
			'--locale=C',
		]);
		await execFileAsync(initdb, initdbArgs, { cwd: '/' });
		const [postgres, postgresArgs] = pgCommand('postgres', [
			'-D',
			pgDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-p',
			String(pgPort),
			'-k',
			pgDir,
			'-c',
			'fsync=off',
			'-c',
			'max_connections=200',
		]);
		const pg = launch(postgres, postgresArgs, { PATH: process.env.PATH }, log('postgres'), '/');
		const psql = async (sql: string): Promise<string[][]> => {
			const { stdout } = await execFileAsync(path.join(PG_BIN, 'psql'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(pgPort),
				'-U',
				'n8n',
				'-d',
				'postgres',
				'-AtX',
				'-F',
				'\t',
				'-c',
				sql,
			]);
			return stdout
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('\t'));
		};
		await waitReady(
			'postgres',
			pg,
			log('postgres'),
			async () => (await psql('select 1'))[0]?.[0] === '1',
			60_000,
		);

		// ------------------------------------------------------------ n8n: one env for every process
		sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
		const env: NodeJS.ProcessEnv = {
			// n8n starts its JS task runner as plain `node`: Node 24 must come first on PATH
			PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TZ: process.env.TZ,
			TMPDIR: path.join(workDir, 'tmp'),
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'queue-mode-encryption-key-0123456789',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_DATABASE: 'postgres',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			// production webhooks go to the webhook processor only
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		};
		const cli = async (args: string[]): Promise<string> => {
			const { stdout } = await execFileAsync(runtime.node, [runtime.n8n, ...args], {
				cwd: workDir,
				env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
				maxBuffer: 64 * 1024 * 1024,
				timeout: 5 * 60_000,
			}).catch((error: { stdout?: string; stderr?: string; message: string }) => {
				throw new Error(
					`n8n ${args.join(' ')} failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
				);
			});
			fs.appendFileSync(log('cli'), `--- n8n ${args.join(' ')}\n${stdout}`);
			return stdout;
		};
		const input = (name: string, content: unknown) => {
			const file = path.join(workDir, `${name}.json`);
			fs.writeFileSync(file, JSON.stringify(content));
			return `--input=${file}`;
		};

		const taskExample = example('task-create.json');
		const hookExample = example('callback-trigger.json');
		const taskByWebhook = taskFlowByWebhook();
		say(
			'importing the credential and examples/task-create.json, examples/callback-trigger.json (+ a webhook-started copy of the task flow)',
		);
		await cli([
			'import:credentials',
			input('credentials', [
				{
					id: 'airudderSandboxCred',
					name: 'AIRudder sandbox',
					type: 'airudderApi',
					data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url },
				},
			]),
		]);
		await cli(['import:workflow', input('workflows', [taskExample, hookExample, taskByWebhook])]);
		for (const id of [hookExample.id, taskByWebhook.id])
			await cli(['publish:workflow', `--id=${id}`]);

		// ------------------------------------------------------------ examples/task-create.json (CLI)
		// `n8n execute` runs in its own process (2.41 falls back to regular mode for it); it is the
		// first to need the token and stores it with the credential in the shared DB.
		say('executing examples/task-create.json (n8n execute)');
		const out = await cli(['execute', `--id=${taskExample.id}`, '--rawOutput']);
		const lines = out.split('\n');
		const run = JSON.parse(
			lines.slice(lines.indexOf('{'), lines.indexOf('}', lines.indexOf('{')) + 1).join('\n'),
		) as { status: string };
		check(run.status === 'success', `examples/task-create.json executed: ${run.status}`);

		// ------------------------------------------------------------ main, worker, webhook processor
		say('starting n8n main, n8n worker and n8n webhook (queue mode)');
		const main = launch(
			runtime.node,
			[runtime.n8n, 'start'],
			{ ...env, N8N_PORT: String(mainPort), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			log('main'),
			workDir,
		);
		await waitReady(
			'n8n main',
			main,
			log('main'),
			async () => (await httpStatus(`http://127.0.0.1:${mainPort}/healthz/readiness`)) === 200,
		);
		const worker = launch(
			runtime.node,
			[runtime.n8n, 'worker', '--concurrency=10'],
			{ ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			log('worker'),
			workDir,
		);
		const webhook = launch(
			runtime.node,
			[runtime.n8n, 'webhook'],
			{ ...env, N8N_PORT: String(webhookPort), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			log('webhook'),
			workDir,
		);
		await waitReady('n8n worker', worker, log('worker'), async () =>
			fs.readFileSync(log('worker'), 'utf8').includes('n8n worker is now ready'),
		);
		await waitReady(
			'n8n webhook',
			webhook,
			log('webhook'),
			async () => (await httpStatus(`http://127.0.0.1:${webhookPort}/healthz`)) === 200,
		);
		// the main activates published workflows in the background after readiness: wait for both webhooks
		const registered = async () =>
			Number((await psql('select count(*) from webhook_entity'))[0][0]) >= 2;
		await waitReady('webhook registration', main, log('main'), registered, 60_000);
		const hookBase = `http://127.0.0.1:${webhookPort}`;

		// ------------------------------------------------------------ the task flow, run by the worker
		say(`starting the task flow ${WEBHOOK_RUNS} times through the webhook processor`);
		for (let i = 0; i < WEBHOOK_RUNS; i++) {
			const status = await httpStatus(`${hookBase}/webhook/queue-task-create`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			if (status !== 200)
				throw new Error(
					`the webhook processor answered ${status} for the task flow:\n${fs.readFileSync(log('webhook'), 'utf8').slice(-3000)}`,
				);
		}
		const mainAnswer = await httpStatus(`http://127.0.0.1:${mainPort}/webhook/queue-task-create`, {
			method: 'POST',
			body: '{}',
		});
		check(
			mainAnswer !== 200,
			`the main process does not serve production webhooks (HTTP ${mainAnswer})`,
		);

		// ------------------------------------------------------------ callbacks through the trigger
		const callbackUrl = `${hookBase}/webhook/${String(hookExample.nodes[0].webhookId)}/airudder`;
		say(
			`${CALLBACKS} callbacks to the AIRudder Trigger through the webhook processor (concurrency 20)`,
		);
		let next = 0;
		const answers: string[] = [];
		await Promise.all(
			Array.from({ length: 20 }, async () => {
				while (next < CALLBACKS) {
					const i = next++;
					const res = await fetch(callbackUrl, {
						method: 'POST',
						headers: { 'content-type': 'application/json', 'user-agent': 'Airudder' },
						body: JSON.stringify({ workflow_id: `wf-${i}`, seq: i }),
					});
					answers.push(`${res.status} ${await res.text()}`);
				}
			}),
		);
		const ok = answers.filter((a) => a === '200 {}').length;
		check(ok === CALLBACKS, `${ok}/${CALLBACKS} callbacks answered 200 {}`);

		// ------------------------------------------------------------ every execution finished and succeeded
		const expected = 1 + WEBHOOK_RUNS + CALLBACKS;
		const executions = async () =>
			(await psql('select "workflowId", status from execution_entity order by id')).map(
				([workflowId, status]) => ({ workflowId, status }),
			);
		const deadline = Date.now() + 300_000;
		let rows = await executions();
		while (
			rows.filter((r) => !['new', 'running', 'waiting'].includes(r.status)).length < expected &&
			Date.now() < deadline
		) {
			await sleep(1000);
			rows = await executions();
		}
		const summary = (id: string) => {
			const mine = rows.filter((r) => r.workflowId === id);
			return { total: mine.length, success: mine.filter((r) => r.status === 'success').length };
		};
		const byWebhook = summary(taskByWebhook.id);
		check(
			byWebhook.total === WEBHOOK_RUNS && byWebhook.success === WEBHOOK_RUNS,
			`task flow by webhook: ${byWebhook.success}/${WEBHOOK_RUNS} executions succeeded`,
		);
		const callbacks = summary(hookExample.id);
		check(
			callbacks.total === CALLBACKS && callbacks.success === CALLBACKS,
			`callback executions: ${callbacks.success}/${CALLBACKS} succeeded (${callbacks.total} stored)`,
		);
		const workerRuns = (
			fs.readFileSync(log('worker'), 'utf8').match(/Worker finished execution/g) ?? []
		).length;
		check(
			workerRuns === WEBHOOK_RUNS + CALLBACKS,
			`the worker finished ${workerRuns} executions (expected ${WEBHOOK_RUNS + CALLBACKS})`,
		);
		check(
			sandbox.tasks.size === 1 + WEBHOOK_RUNS,
			`${sandbox.tasks.size} tasks created (expected ${1 + WEBHOOK_RUNS})`,
		);
		check(
			sandbox.tokensIssued === 1,
			`token exchanges in total: ${sandbox.tokensIssued} (expected 1: the token is shared through the credential in the DB)`,
		);
	} finally {
		say('stopping the webhook processor, worker, main, PostgreSQL, Redis and the sandbox');
		await cleanUp();
	}
	if (failures.length)
		throw new Error(`${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`);
	say('all checks passed');
}

main().catch((error: unknown) => {
	process.stderr.write(
		`[queue-mode] FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exitCode = 1;
});
