/**
 * Shared pieces of `npm run bench` (bench/run.ts) and `npm run bench:soak` (bench/soak.ts): a real
 * n8n 2.41.1 with this package installed as a community package, the AIRudder sandbox, workflow
 * builders for webhook-started workflows, a keep-alive HTTP client, memory probes of the n8n
 * process (/proc) and small statistics. Everything listens on and talks to 127.0.0.1 only.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox/server';
import { N8nInstance, type WorkflowJson } from '../test/support/n8n';

export const ROOT = path.resolve(__dirname, '..');
export const APP_KEY = 'bench-app-key';
export const APP_SECRET = 'bench-app-secret';
export const AIRUDDER = 'n8n-nodes-airudder.airudder';
export const AIRUDDER_TRIGGER = 'n8n-nodes-airudder.airudderTrigger';

/** Prints one progress line to stderr (stdout carries the results). */
export function say(text: string): void {
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

/** A credential reference as nodes carry it. */
export const credentialRef = (id: string) => ({ airudderApi: { id, name: id } });

/** `airudderApi` credentials (one per id) pointing at the sandbox, as `n8n import:credentials` takes them. */
export function airudderCredentials(
	sandbox: Sandbox,
	ids: string[],
	extra: Record<string, IDataObject> = {},
): object[] {
	return ids.map((id) => ({
		id,
		name: id,
		type: 'airudderApi',
		data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url, ...extra[id] },
	}));
}

/** A node of a benchmark workflow (ids and positions derived from the name). */
export function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: IDataObject,
	extra: Partial<INode> = {},
): INode {
	return {
		id: `bench-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...extra,
	};
}

/** n8n's Code node running `jsCode` once for all items. */
export const codeNode = (name: string, jsCode: string) =>
	node(name, 'n8n-nodes-base.code', 2, { jsCode });

/** n8n's HTTP Request node (v4.2). `parameters` are merged over a plain GET of `url`. */
export const httpNode = (name: string, parameters: IDataObject, extra: Partial<INode> = {}) =>
	node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{ method: 'GET', options: {}, ...parameters },
		extra,
	);

/**
 * A published-able workflow: n8n's Webhook node (POST `/webhook/<id>`, answering with the last
 * node's first item, or at once with `immediate`) followed by `nodes` in a chain.
 */
export function webhookFlow(id: string, nodes: INode[], immediate = false): WorkflowJson {
	const hook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{
			httpMethod: 'POST',
			path: id,
			responseMode: immediate ? 'onReceived' : 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
		{ webhookId: randomUUID() },
	);
	const chain = [hook, ...nodes];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < chain.length; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}

/** Starts the sandbox and an n8n with this package (dist/ must be built) and the given credentials/workflows. */
export async function startStack(options: {
	credentialIds: string[];
	/** More data of some of those credentials, by id (e.g. `{ readConcurrency: 1 }`). */
	credentialData?: Record<string, IDataObject>;
	/** The workflows to import, built once the sandbox URL is known. */
	workflows: (sandbox: Sandbox) => WorkflowJson[];
	publish: string[];
	env?: Record<string, string>;
}): Promise<{ sandbox: Sandbox; n8n: N8nInstance; pid: number; stop(): Promise<void> }> {
	const sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
	const n8n = new N8nInstance({ packageDir: ROOT, env: options.env });
	const stop = async () => {
		await n8n.stop();
		await sandbox.close();
	};
	try {
		await n8n.importCredentials(
			airudderCredentials(sandbox, options.credentialIds, options.credentialData),
		);
		await n8n.importWorkflow(options.workflows(sandbox));
		for (const id of options.publish) await n8n.publishWorkflow(id);
		await n8n.start(300_000); // a loaded machine can take minutes
		return { sandbox, n8n, pid: serverPid(n8n.workDir), stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The pid of `n8n start` of an instance: the process whose cwd is its work dir and whose argv ends with `start`. */
export function serverPid(workDir: string): number {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (fs.readlinkSync(`/proc/${entry}/cwd`) !== workDir) continue;
			const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
			if (argv[argv.length - 1] === 'start' && argv.some((arg) => /\/n8n$/.test(arg)))
				return Number(entry);
		} catch {
			// the process ended while we looked
		}
	}
	throw new Error(`no "n8n start" process found with cwd ${workDir}`);
}

/** VmRSS and VmHWM (peak RSS) of a process, in MB (MiB), from /proc/<pid>/status. */
export function memory(pid: number): { rssMb: number; hwmMb: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string) =>
		Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`); false when not allowed. */
export function resetPeak(pid: number): boolean {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * Scripts the sandbox's next answer to Recording → Get Call Recording (task `benchtask`, callee
 * +628120000000): a link to a sandbox WAV of `bytes` bytes named `<name>-<bytes>.wav`.
 */
export function scriptCallRecording(sandbox: Sandbox, bytes: number, name: string): void {
	sandbox.setFault({
		method: 'GET',
		path: '/service/cloud/case',
		body: JSON.stringify({
			data: {
				TaskID: 'benchtask',
				Callee: '+628120000000',
				url: `${sandbox.url}/__sandbox/media/${name}-${bytes}.wav?bytes=${bytes}`,
			},
			status: 'OK',
			code: 200,
		}),
	});
}

/**
 * Runs `run` while sampling the RSS of `pid` every 10 ms, after a settling pause and with VmHWM
 * reset first. @returns `run`'s result, the RSS before it and the peak (max of samples and VmHWM), MB.
 */
export async function peakRssDuring<T>(
	pid: number,
	run: () => Promise<T>,
): Promise<{ result: T; baseMb: number; peakMb: number }> {
	await sleep(500);
	const baseMb = memory(pid).rssMb;
	resetPeak(pid);
	let sampled = baseMb;
	const timer = setInterval(() => (sampled = Math.max(sampled, memory(pid).rssMb)), 10);
	const result = await run().finally(() => clearInterval(timer));
	return { result, baseMb, peakMb: Math.max(sampled, memory(pid).hwmMb) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs JSON to a URL on 127.0.0.1 (keep-alive); resolves with status, body text and the latency in ms. */
export function post(
	url: string,
	body: unknown,
	timeoutMs = 600_000,
): Promise<{ status: number; body: string; ms: number }> {
	const payload = Buffer.from(JSON.stringify(body));
	const started = process.hrtime.bigint();
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', 'content-length': payload.length },
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: Number(process.hrtime.bigint() - started) / 1e6,
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`POST ${url} timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(payload);
	});
}

/** POSTs to a webhook-started workflow and fails unless n8n answers 200. */
export async function runFlow(
	url: string,
	body: unknown = {},
): Promise<{ json: IDataObject; ms: number }> {
	let res = await post(url, body);
	// n8n on a loaded machine: its sqlite ping times out and it refuses webhooks for a moment
	for (
		let retry = 0;
		retry < 5 && res.status === 503 && res.body.includes('Database is not ready');
		retry++
	) {
		await sleep(2000);
		res = await post(url, body);
	}
	if (res.status !== 200)
		throw new Error(`${url} answered ${res.status}: ${res.body.slice(0, 500)}`);
	return { json: res.body ? (JSON.parse(res.body) as IDataObject) : {}, ms: res.ms };
}

/** The recording links (`urls`) of a Recording → Get … output item; [] when it has none. */
export const recordingLinks = (json: IDataObject): string[] =>
	Array.isArray(json.urls) ? (json.urls as unknown[]).map(String) : [];

/** Sends `total` POSTs with at most `concurrency` in flight; returns each latency (ms) and the wall time. */
export async function load(
	total: number,
	concurrency: number,
	send: (i: number) => Promise<{ status: number; ms: number }>,
): Promise<{ latencies: number[]; wallMs: number; failures: number }> {
	const latencies: number[] = [];
	let failures = 0;
	let next = 0;
	const started = Date.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) {
				const i = next++;
				const res = await send(i).catch(() => ({ status: 0, ms: NaN }));
				if (res.status === 200) latencies.push(res.ms);
				else failures++;
			}
		}),
	);
	return { latencies, wallMs: Date.now() - started, failures };
}

/** The p-th percentile (0–100, nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: number[]) => percentile(values, 50);

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
	const n = points.length;
	const mx = points.reduce((s, [x]) => s + x, 0) / n;
	const my = points.reduce((s, [, y]) => s + y, 0) / n;
	const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
	const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
	return sxx === 0 ? 0 : sxy / sxx;
}

/** Rounds to `digits` decimals (for the results file). */
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const RESULTS_FILE = path.join(ROOT, 'bench', 'results.json');

/**
 * Merges `fields` into bench/results.json. With `keep`, only the existing fields whose names match it
 * survive (a full `npm run bench` keeps the soak's); without, every existing field does.
 */
export function writeResults(fields: IDataObject, keep?: RegExp): void {
	const current = fs.existsSync(RESULTS_FILE)
		? (JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as IDataObject)
		: {};
	const kept = keep
		? Object.fromEntries(Object.entries(current).filter(([name]) => keep.test(name)))
		: current;
	fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...kept, ...fields }, null, 2)}\n`);
}

/** Waits until n8n has stored `expected` more finished executions of a workflow than `before`. */
export async function waitForExecutions(
	n8n: N8nInstance,
	workflowId: string,
	expected: number,
	timeoutMs = 300_000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const [{ n }] = await n8n.query<{ n: number }>(
			"SELECT count(*) AS n FROM execution_entity WHERE workflowId = ? AND status NOT IN ('new', 'running')",
			workflowId,
		);
		if (n >= expected || Date.now() > deadline) return n;
		await sleep(500);
	}
}
