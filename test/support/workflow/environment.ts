import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, ErrorReporter, InstanceSettings } from 'n8n-core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One line n8n-core logged during a run (kept in memory; printed only with `HARNESS_LOG=1`). */
export interface HarnessLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: unknown;
}

/**
 * Stand-in for `@n8n/backend-common`'s `Logger`, registered in the DI container before anything
 * else so n8n-core (`this.logger` in node contexts, BinaryDataService, InstanceSettings...) logs
 * into memory instead of winston's console transport. Set `HARNESS_LOG=1` to echo to stderr.
 */
class MemoryLogger {
	constructor(
		readonly entries: HarnessLogEntry[],
		private readonly echo: boolean,
	) {}

	private log(level: HarnessLogEntry['level'], message: string, metadata?: unknown) {
		this.entries.push({ level, message, metadata });
		if (this.echo) process.stderr.write(`[n8n ${level}] ${message}\n`);
	}

	error(message: string, metadata?: unknown) {
		this.log('error', message, metadata);
	}

	warn(message: string, metadata?: unknown) {
		this.log('warn', message, metadata);
	}

	info(message: string, metadata?: unknown) {
		this.log('info', message, metadata);
	}

	debug(message: string, metadata?: unknown) {
		this.log('debug', message, metadata);
	}

	scoped() {
		return this;
	}
}

/**
 * One error n8n-core handed to its `ErrorReporter` (what a real instance sends to Sentry). For a
 * node that throws, `WorkflowExecute.reportNodeExecutionError` reports the ORIGINAL instance with
 * `extra: { nodeName, executionId, ... }` — the only place the instance survives: the run data
 * only keeps a plain-object copy.
 */
export interface ReportedError {
	error: unknown;
	nodeName?: string;
	executionId?: string;
}

/** What the bootstrapped n8n-core runtime exposes to the harness. */
export interface HarnessEnvironment {
	/** Temporary folder used as `N8N_USER_FOLDER` (holds `.n8n/config` with a throw-away encryption key). */
	rootDir: string;
	/** Folder where `BinaryDataService` (filesystem mode) stores binary data. */
	binaryDataDir: string;
	binaryDataService: BinaryDataService;
	/** Everything n8n-core logged since the environment was created. */
	logs: HarnessLogEntry[];
	/** Everything n8n-core reported to its ErrorReporter since the environment was created. */
	errorReports: ReportedError[];
}

let current: { env: HarnessEnvironment; ready: Promise<void>; users: number } | undefined;

/** Runs `fn` with some environment variables set, restoring the previous values afterwards. */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
	const previous = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
	Object.assign(process.env, vars);
	try {
		return fn();
	} finally {
		for (const [key, value] of Object.entries(previous)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	}
}

/**
 * Boots the parts of n8n-core's DI container that executions need, the way n8n 2.41 does at
 * start-up: `InstanceSettings` (user folder + encryption key) and `BinaryDataService` in
 * `filesystem` mode (stored as `filesystem-v2`, like a default n8n instance), all inside one
 * temporary folder. Shared by every harness alive in the same module registry (= jest test file),
 * because n8n-core reads these services from the global `Container`.
 *
 * Env vars are only set while the services are constructed (config classes read them in their
 * constructors) and restored right after, so nothing leaks into other test files.
 */
export async function acquireEnvironment(): Promise<HarnessEnvironment> {
	if (!current) {
		const rootDir = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
		const binaryDataDir = path.join(rootDir, 'binary-data');
		const logs: HarnessLogEntry[] = [];
		const errorReports: ReportedError[] = [];
		Container.set(
			Logger,
			new MemoryLogger(logs, process.env.HARNESS_LOG === '1') as unknown as Logger,
		);
		// Record what is reported, then let the real reporter do its (log-only, no Sentry DSN) job.
		const reporter = Container.get(ErrorReporter);
		const report = reporter.error.bind(reporter);
		reporter.error = (error, options) => {
			const extra = (options?.extra ?? {}) as { nodeName?: string; executionId?: string };
			errorReports.push({ error, nodeName: extra.nodeName, executionId: extra.executionId });
			report(error, options);
		};
		const binaryDataService = withEnv(
			{
				N8N_USER_FOLDER: rootDir,
				N8N_ENCRYPTION_KEY: randomBytes(24).toString('base64'),
				N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
				N8N_BINARY_DATA_STORAGE_PATH: binaryDataDir,
				N8N_DIAGNOSTICS_ENABLED: 'false',
			},
			() => {
				Container.get(InstanceSettings);
				const config = Container.get(BinaryDataConfig);
				config.mode = 'filesystem';
				config.localStoragePath = binaryDataDir;
				return Container.get(BinaryDataService);
			},
		);
		const env: HarnessEnvironment = {
			rootDir,
			binaryDataDir,
			binaryDataService,
			logs,
			errorReports,
		};
		current = { env, ready: binaryDataService.init(), users: 0 };
	}
	current.users += 1;
	await current.ready;
	return current.env;
}

/** Releases one user of the environment; the last one removes the temp folder and resets the container. */
export function releaseEnvironment(): void {
	if (!current) return;
	current.users -= 1;
	if (current.users > 0) return;
	rmSync(current.env.rootDir, { recursive: true, force: true });
	Container.reset();
	current = undefined;
}
