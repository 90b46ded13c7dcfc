/**
 * `npm run bench`: the AIRudder nodes against n8n's own HTTP Request / Webhook nodes, side by side
 * in ONE real n8n 2.41.1 (this package installed as a community package) against the sandbox on
 * 127.0.0.1. Every workflow is started by an HTTP POST to its Webhook node, so both sides pay the
 * same overhead. Writes bench/results.json and the table in bench/README.md; prints both.
 * Bounded: about 20 minutes on 2 CPUs once the n8n runtime is cached (BENCH_INTAKE_POSTS, default
 * 2000 per side, sets the size of the intake test). Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { IDataObject } from 'n8n-workflow';
import * as prettier from 'prettier';

import type { Sandbox } from '../sandbox/server';
import { ensureN8nRuntime, type N8nInstance, type WorkflowJson } from '../test/support/n8n';
import { pdsSection } from './pds';
import { qaSection } from './qa';
import {
	AIRUDDER,
	APP_KEY,
	APP_SECRET,
	codeNode,
	credentialRef,
	httpNode,
	load,
	median,
	node,
	peakRssDuring,
	percentile,
	post,
	recordingLinks,
	scriptCallRecording,
	RESULTS_FILE,
	ROOT,
	round,
	runFlow,
	say,
	startStack,
	waitForExecutions,
	webhookFlow,
	writeResults,
} from './lib';
import { taskCreateParameters, TASK_CREATE_FIELDS } from '../test/support/task-parameters';
import { DEFAULT_READ_CONCURRENCY } from '../nodes/Airudder/actions/shared/operations';
import {
	CONCURRENCY_SWEEP,
	concurrencySection,
	EXPRESSION_RATIO_LIMIT,
	expressionsSection,
	expressionWorkflows,
	sweepCredentialId,
} from './expressions';

const CONTACTS = 10_000;
const GET_ITEMS = 100;
const GET_EXECUTIONS = 10;
const INTAKE_POSTS = Number(process.env.BENCH_INTAKE_POSTS ?? 2000);
const INTAKE_CONCURRENCY = 20;
const SERIAL_POSTS = 100;
const INTAKE_WARMUP_POSTS = 100;
const MB = 1024 * 1024;

/** Generates `n` valid contacts; the same source text runs in n8n's Code node and in the stringify probe. */
const CONTACTS_JS = `Array.from({ length: n }, (_, i) => ({ Mobile: '+62812' + String(i).padStart(7, '0'), Customer: 'Customer ' + i, Platform: 'BenchLend', Comments: 'row-' + i }))`;
/** TASK_CREATE_FIELDS as JavaScript object members, for the Code/HTTP baselines' expressions. */
const TASK_FIELDS = JSON.stringify(TASK_CREATE_FIELDS).slice(1, -1);
const TOKEN_HEADER = {
	sendHeaders: true,
	headerParameters: {
		parameters: [
			{ name: 'Authorization', value: "=Token {{ $('Login').first().json.data.token }}" },
		],
	},
};
const jsonBody = (expression: string) => ({
	sendBody: true,
	contentType: 'json',
	specifyBody: 'json',
	jsonBody: `={{ ${expression} }}`,
});

/** Every benchmark workflow; `base` is the sandbox URL. */
function workflows(sandbox: Sandbox): WorkflowJson[] {
	const base = sandbox.url;
	const login = (extra = {}) =>
		httpNode(
			'Login',
			{
				method: 'POST',
				url: `${base}/service/cloud/auth`,
				...jsonBody(`JSON.stringify({ APPKey: '${APP_KEY}', APPSecret: '${APP_SECRET}' })`),
			},
			extra,
		);
	const items = codeNode(
		'Items',
		`const id = $('Webhook').first().json.body.taskId;\nreturn Array.from({ length: ${GET_ITEMS} }, (_, i) => ({ json: { TaskID: id, i } }));`,
	);
	const contacts = codeNode(
		'Contacts',
		`const n = $('Webhook').first().json.body.n;\nreturn ${CONTACTS_JS}.map((json) => ({ json }));`,
	);
	const detail = (token: string) =>
		httpNode('Detail', {
			url: `=${base}/service/cloud/detail?TaskID={{ $('Items').item.json.TaskID }}`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `=Token {{ ${token} }}` }] },
		});
	const airudder = (name: string, parameters: IDataObject, credential: string) =>
		node(name, AIRUDDER, 1, parameters, { credentials: credentialRef(credential) });
	return [
		// token exchanges: ours (its own credential, so the count starts from zero) vs HTTP Request
		webhookFlow('bench-tokens-ours', [
			items,
			airudder(
				'Get Task',
				{ resource: 'task', operation: 'get', taskId: '={{ $json.TaskID }}' },
				'benchTokenCred',
			),
		]),
		webhookFlow('bench-tokens-http', [
			login(),
			items,
			detail("$('Login').first().json.data.token"),
		]),
		webhookFlow('bench-tokens-http-naive', [items, login(), detail('$json.data.token')]),
		// 10,000 contacts: one Task Create vs one HTTP request per contact vs Code batch + one HTTP request
		webhookFlow('bench-create-ours', [
			contacts,
			airudder(
				'Create Task',
				taskCreateParameters({ taskName: '=bench-{{ $execution.id }}' }),
				'benchCred',
			),
		]),
		webhookFlow('bench-create-http-each', [
			login(),
			contacts,
			httpNode('Create', {
				method: 'POST',
				url: `${base}/service/cloud/v2/task`,
				...TOKEN_HEADER,
				...jsonBody(
					`JSON.stringify({ TaskName: 'each-' + $execution.id + '-' + $itemIndex, ${TASK_FIELDS}, Details: [$json] })`,
				),
			}),
		]),
		webhookFlow('bench-create-http-batch', [
			login(),
			contacts,
			codeNode(
				'Batch',
				`return [{ json: { TaskName: 'batch-' + $execution.id, ${TASK_FIELDS}, Details: $input.all().map((item) => item.json) } }];`,
			),
			httpNode('Create', {
				method: 'POST',
				url: `${base}/service/cloud/v2/task`,
				...TOKEN_HEADER,
				...jsonBody('JSON.stringify($json)'),
			}),
		]),
		// recording download (the sandbox is told the size through a scripted answer of /service/cloud/case)
		webhookFlow('bench-recording', [
			airudder(
				'Recording',
				{
					resource: 'recording',
					operation: 'getCallRecording',
					taskId: 'benchtask',
					callee: '+628120000000',
				},
				'benchCred',
			),
		]),
		// trigger intake: n8n's plain Webhook node answering at once
		webhookFlow('bench-intake-webhook', [], true),
		// expression-mapped contacts vs the Set node; the Concurrent Reads sweep (bench/expressions.ts)
		...expressionWorkflows(webhookFlow, items),
	];
}

const triggerFlow = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'examples', 'callback-trigger.json'), 'utf8'),
) as WorkflowJson;

/** Peak RSS (MB) of n8n while Recording → Get Call Recording downloads `bytes`: sampled VmRSS and VmHWM. */
async function recordingPeak(
	sandbox: Sandbox,
	flowUrl: string,
	pid: number,
	bytes: number,
): Promise<{ baseMb: number; peakMb: number; ms: number }> {
	scriptCallRecording(sandbox, bytes, 'benchtask-628120000000');
	const { result, baseMb, peakMb } = await peakRssDuring(pid, () => runFlow(flowUrl));
	const { json, ms } = result;
	if (!recordingLinks(json).some((link) => link.includes(`bytes=${bytes}`)))
		throw new Error(`recording flow answered ${JSON.stringify(json)}`);
	const downloaded = sandbox.requests.filter(
		(r) => r.path.startsWith('/__sandbox/media/') && r.status === 200,
	).length;
	if (downloaded === 0) throw new Error('the recording was not downloaded');
	sandbox.clearRequests();
	return { baseMb, peakMb, ms };
}

/** Median time (µs per contact) of JSON.stringify of the same contacts, on n8n's Node 24. */
async function stringifyMicrosPerContact(): Promise<number> {
	const runtime = await ensureN8nRuntime();
	const script = `const n = ${CONTACTS}; const contacts = ${CONTACTS_JS}; const times = [];
for (let r = 0; r < 30; r++) { const t = process.hrtime.bigint(); JSON.stringify(contacts); times.push(Number(process.hrtime.bigint() - t) / 1e3); }
times.sort((a, b) => a - b); process.stdout.write(String(times[15] / n));`;
	const { stdout } = await promisify(execFile)(runtime.node, ['-e', script]);
	return Number(stdout);
}

/** The AIRudder node's own run time (ms) of the last execution of a workflow, from n8n's run data. */
async function nodeTimeMs(n8n: N8nInstance, workflowId: string, nodeName: string): Promise<number> {
	const [{ id }] = await n8n.query<{ id: number }>(
		'SELECT max(id) AS id FROM execution_entity WHERE workflowId = ?',
		workflowId,
	);
	const run = await n8n.executionRun(id);
	const task = run.data.resultData.runData[nodeName]?.[0];
	if (!task || task.executionStatus !== 'success')
		throw new Error(`${nodeName} did not succeed in execution ${id}`);
	return task.executionTime;
}

/** Parts of the run; `BENCH_ONLY=recording,intake` runs some (the others keep their last figures). */
const SECTIONS = ['recording', 'tokens', 'contacts', 'expressions', 'intake', 'pds', 'qa'] as const;
type Section = (typeof SECTIONS)[number];

function selectedSections(): Section[] {
	const only = (process.env.BENCH_ONLY ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
	if (unknown.length)
		throw new Error(
			`BENCH_ONLY: unknown section(s) ${unknown.join(', ')}; use ${SECTIONS.join(', ')}`,
		);
	return only.length ? (only as Section[]) : [...SECTIONS];
}

/** Recording sizes (MB) downloaded in every round, and the number of rounds (medians are reported). */
const RECORDING_SIZES_MB = [5, 50, 200] as const;
const RECORDING_ROUNDS = 3;
/** Pass mark: the median RSS rise of a 200 MB download may exceed that of a 5 MB one by at most this (MB). */
const RSS_GROWTH_LIMIT_MB = 20;

/** Peak RSS of n8n while Recording → Get Call Recording downloads 5, 50 and 200 MB, interleaved, medians. */
async function recordingSection(
	sandbox: Sandbox,
	flowUrl: string,
	pid: number,
): Promise<IDataObject> {
	say(
		`recording download: peak RSS of the n8n process, ${RECORDING_SIZES_MB.join(' / ')} MB × ${RECORDING_ROUNDS} rounds`,
	);
	await recordingPeak(sandbox, flowUrl, pid, 5 * MB); // warm-up
	const peaks = new Map<number, number[]>(RECORDING_SIZES_MB.map((size) => [size, []]));
	const rises = new Map<number, number[]>(RECORDING_SIZES_MB.map((size) => [size, []]));
	for (let r = 0; r < RECORDING_ROUNDS; r++) {
		for (const size of RECORDING_SIZES_MB) {
			const { baseMb, peakMb } = await recordingPeak(sandbox, flowUrl, pid, size * MB);
			peaks.get(size)!.push(peakMb);
			rises.get(size)!.push(peakMb - baseMb);
		}
	}
	const peak = (size: number) => median(peaks.get(size)!);
	const rise = (size: number) => median(rises.get(size)!);
	return {
		binaryDataMode:
			'filesystem (n8n 2.41 default outside queue mode; N8N_DEFAULT_BINARY_DATA_MODE)',
		recordingRounds: RECORDING_ROUNDS,
		peakRssMbDownload5MB: round(peak(5), 1),
		peakRssMbDownload50MB: round(peak(50), 1),
		peakRssMbDownload200MB: round(peak(200), 1),
		peakRssRiseMbDownload5MB: round(rise(5), 1),
		peakRssRiseMbDownload50MB: round(rise(50), 1),
		peakRssRiseMbDownload200MB: round(rise(200), 1),
		peakRssGrowthMbFor195MBMore: round(rise(200) - rise(5), 1),
		peakRssRatio50MBvs5MB: round(peak(50) / peak(5), 3),
		peakRssRatio200MBvs5MB: round(peak(200) / peak(5), 3),
	};
}

/** Token exchanges and wall time of 1,000 Task → Get, ours vs HTTP Request logging in per execution / per item. */
async function tokensSection(
	sandbox: Sandbox,
	url: (id: string) => string,
	taskId: string,
): Promise<IDataObject> {
	say(`token exchanges: ${GET_ITEMS} Task → Get items × ${GET_EXECUTIONS} executions`);
	const tokenRun = async (id: string) => {
		sandbox.clearRequests();
		const before = sandbox.tokensIssued;
		const t0 = Date.now();
		for (let i = 0; i < GET_EXECUTIONS; i++) await runFlow(url(id), { taskId });
		const calls = sandbox.requests.filter(
			(r) => r.path === '/service/cloud/detail' && r.status === 200,
		).length;
		if (calls !== GET_ITEMS * GET_EXECUTIONS)
			throw new Error(`${id}: ${calls} detail calls, expected ${GET_ITEMS * GET_EXECUTIONS}`);
		return { exchanges: ((sandbox.tokensIssued - before) * 1000) / calls, ms: Date.now() - t0 };
	};
	// One unmeasured run of each side first, so that neither figure carries n8n's first-run costs
	// (loading the node's code, compiling it). Ours warms up on the sweep's credential at the default
	// Concurrent Reads, so that its own credential's one sign-in is still counted below.
	say('warm-up: one run of each side, unmeasured');
	await runFlow(url(`bench-conc-${DEFAULT_READ_CONCURRENCY}`), { taskId });
	await runFlow(url('bench-tokens-http'), { taskId });
	await runFlow(url('bench-tokens-http-naive'), { taskId });
	const oursTokens = await tokenRun('bench-tokens-ours');
	const httpTokens = await tokenRun('bench-tokens-http');
	const naiveTokens = await tokenRun('bench-tokens-http-naive');
	return {
		tokenExchangesPer1000Ops: oursTokens.exchanges,
		httpRequestTokenExchangesPer1000Ops: httpTokens.exchanges,
		httpRequestPerItemLoginTokenExchangesPer1000Ops: naiveTokens.exchanges,
		tokenExchangeRatioHttpRequestVsOurs: round(httpTokens.exchanges / oursTokens.exchanges, 1),
		wallMsFor1000GetsOurs: oursTokens.ms,
		readConcurrencyOurs: DEFAULT_READ_CONCURRENCY,
		wallMsFor1000GetsHttpRequest: httpTokens.ms,
	};
}

/** Requests and wall time of a 10,000-contact task (three ways), then Task → Create's per-contact overhead. */
async function contactsSection(
	sandbox: Sandbox,
	n8n: N8nInstance,
	url: (id: string) => string,
	token: string,
): Promise<IDataObject> {
	say(
		`${CONTACTS} contacts: Task Create vs one HTTP Request per contact vs Code batch + one HTTP Request`,
	);
	const createRun = async (id: string, n: number) => {
		sandbox.clearRequests();
		const { ms } = await runFlow(url(id), { n });
		const creates = sandbox.requests.filter((r) => r.path === '/service/cloud/v2/task');
		const contactsSent = creates.reduce(
			(sum, r) =>
				sum +
				(((r.body as IDataObject | undefined)?.Details as unknown[] | undefined)?.length ?? 0),
			0,
		);
		if (contactsSent !== n || creates.some((r) => r.status !== 200))
			throw new Error(`${id}: ${contactsSent} of ${n} contacts sent`);
		return { requests: creates.length, ms };
	};
	for (const id of ['bench-create-ours', 'bench-create-http-each', 'bench-create-http-batch'])
		await createRun(id, 100); // warm-up
	const oursCreate = await createRun('bench-create-ours', CONTACTS);
	const oursNodeMs = await nodeTimeMs(n8n, 'bench-create-ours', 'Create Task');
	const eachCreate = await createRun('bench-create-http-each', CONTACTS);
	const batchCreate = await createRun('bench-create-http-batch', CONTACTS);

	say('per-item overhead of Task → Create vs JSON.stringify of the same contacts');
	const body = {
		TaskName: 'bench-direct',
		...TASK_CREATE_FIELDS,
		Details: new Function('n', `return ${CONTACTS_JS}`)(CONTACTS) as IDataObject[],
	};
	const direct: number[] = [];
	for (let r = 0; r < 5; r++)
		direct.push(
			(await postWithToken(sandbox, token, { ...body, TaskName: `bench-direct-${r}` })).ms,
		);
	const directMs = median(direct);
	const stringifyUs = await stringifyMicrosPerContact();
	const nodeUs = (oursNodeMs * 1000) / CONTACTS;
	const overheadUs = Math.max(0, ((oursNodeMs - directMs) * 1000) / CONTACTS);
	return {
		requestsFor10000Contacts: oursCreate.requests,
		httpRequestPerContactRequestsFor10000Contacts: eachCreate.requests,
		codeBatchHttpRequestRequestsFor10000Contacts: batchCreate.requests,
		wallMsFor10000ContactsOurs: Math.round(oursCreate.ms),
		wallMsFor10000ContactsHttpRequestPerContact: Math.round(eachCreate.ms),
		wallMsFor10000ContactsCodeBatchHttpRequest: Math.round(batchCreate.ms),
		wallTimeRatioPerContactVsOurs: round(eachCreate.ms / oursCreate.ms, 1),
		wallTimeRatioCodeBatchVsOurs: round(batchCreate.ms / oursCreate.ms, 2),
		taskCreateNodeMsFor10000Contacts: oursNodeMs,
		directPostMsFor10000Contacts: round(directMs, 1),
		taskCreateNodeMicrosPerItem: round(nodeUs, 2),
		taskCreateOverheadMicrosPerItem: round(overheadUs, 2),
		jsonStringifyMicrosPerItem: round(stringifyUs, 3),
		overheadRatioVsJsonStringify: round(overheadUs / stringifyUs, 1),
	};
}

/** n8n's expression-engine counters (N8N_METRICS=true): isolates taken from the pool, expressions evaluated. */
async function expressionCounters(
	n8n: N8nInstance,
): Promise<{ isolates: number; evaluations: number }> {
	const text = await new Promise<string>((resolve, reject) => {
		http
			.get(`${n8n.baseUrl}/metrics`, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
				res.on('error', reject);
			})
			.on('error', reject);
	});
	const sum = (name: string) =>
		text
			.split('\n')
			.filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
			.reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
	if (!text.includes('n8n_expression_pool_acquired_total'))
		throw new Error('n8n /metrics lacks n8n_expression_pool_acquired_total (N8N_METRICS=true?)');
	return {
		isolates: sum('n8n_expression_pool_acquired_total'),
		// every evaluation looks up its compiled code: a hit or a miss
		evaluations:
			sum('n8n_expression_code_cache_hit_total') + sum('n8n_expression_code_cache_miss_total'),
	};
}

/** The intake sides: our trigger, n8n's Webhook node, and n8n's own vendor-callback trigger. */
const INTAKE_SIDES = ['trigger', 'webhook', 'chargebeeTrigger'] as const;
type IntakeSideName = (typeof INTAKE_SIDES)[number];

interface IntakeSide {
	url: string;
	workflowId: string;
	/** The callback body; Chargebee Trigger starts a workflow only for a body with `event_type`. */
	body(fields: IDataObject): IDataObject;
}

/**
 * Callback intake of the AIRudder Trigger (the published callback-trigger example) vs n8n's Webhook
 * node answering at once and vs n8n's own Chargebee Trigger (a built-in vendor-callback trigger
 * that, like ours, registers nothing and answers at once), on one n8n: after a warm-up, `posts`
 * POSTs per side at concurrency 20 in two halves (the second in reverse side order), then
 * SERIAL_POSTS one at a time per side (expression-engine counters read around each side's block).
 * Field names get `prefix` (e.g. 'lazy').
 */
async function intakeFigures(
	n8n: N8nInstance,
	sides: Record<IntakeSideName, IntakeSide>,
	posts: number,
	prefix = '',
): Promise<IDataObject> {
	const blank = () => ({ latencies: [] as number[], wallMs: 0, failures: 0 });
	const stats = Object.fromEntries(INTAKE_SIDES.map((side) => [side, blank()])) as Record<
		IntakeSideName,
		ReturnType<typeof blank>
	>;
	const executions = Object.fromEntries(INTAKE_SIDES.map((side) => [side, 0])) as Record<
		IntakeSideName,
		number
	>;
	const send = (side: IntakeSideName, fields: IDataObject) =>
		post(sides[side].url, sides[side].body(fields), 30_000);
	const settle = async (side: IntakeSideName) => {
		const done = await waitForExecutions(n8n, sides[side].workflowId, executions[side]);
		if (done < executions[side])
			throw new Error(`${side}: ${done} of ${executions[side]} executions finished`);
	};
	for (const side of INTAKE_SIDES) {
		// warm-up (not measured): n8n compiles and caches its webhook and execution paths
		const warm = await load(INTAKE_WARMUP_POSTS, INTAKE_CONCURRENCY, (i) =>
			send(side, { workflow_id: `warm-${i}`, seq: i }),
		);
		executions[side] += warm.latencies.length;
		await settle(side);
	}
	for (const round_ of [0, 1]) {
		for (const side of round_ === 0 ? INTAKE_SIDES : [...INTAKE_SIDES].reverse()) {
			const result = await load(posts / 2, INTAKE_CONCURRENCY, (i) =>
				send(side, { workflow_id: `wf-${round_}-${i}`, seq: i, status: 'finished' }),
			);
			stats[side].latencies.push(...result.latencies);
			stats[side].wallMs += result.wallMs;
			stats[side].failures += result.failures;
			executions[side] += result.latencies.length;
			// let n8n finish the executions this burst started before the next side's burst
			await settle(side);
		}
	}
	// one at a time: the cost of one callback without queueing behind others, and what it costs n8n's
	// expression engine (each side's block on its own, counters read after its executions finished)
	let serialFailures = 0;
	const figures: IDataObject = {};
	for (const side of INTAKE_SIDES) {
		const serial: number[] = [];
		const before = await expressionCounters(n8n);
		for (let i = 0; i < SERIAL_POSTS; i++) {
			const res = await send(side, { workflow_id: `serial-${i}`, seq: i });
			if (res.status === 200) {
				serial.push(res.ms);
				executions[side]++;
			} else serialFailures++;
		}
		await settle(side);
		const after = await expressionCounters(n8n);
		const s = stats[side];
		Object.assign(figures, {
			[`${side}IntakePerSecond`]: round((s.latencies.length * 1000) / s.wallMs, 1),
			[`${side}P50Ms`]: round(percentile(s.latencies, 50), 1),
			[`${side}P99Ms`]: round(percentile(s.latencies, 99), 1),
			[`${side}SerialP50Ms`]: round(percentile(serial, 50), 1),
			[`${side}IsolatesPerCallback`]: round((after.isolates - before.isolates) / SERIAL_POSTS, 2),
			[`${side}ExpressionsPerCallback`]: round(
				(after.evaluations - before.evaluations) / SERIAL_POSTS,
				2,
			),
		});
	}
	const rate = (side: IntakeSideName) => (stats[side].latencies.length * 1000) / stats[side].wallMs;
	Object.assign(figures, {
		triggerIntakeRatioVsWebhook: round(rate('trigger') / rate('webhook'), 3),
		triggerIntakeRatioVsChargebeeTrigger: round(rate('trigger') / rate('chargebeeTrigger'), 3),
		intakeFailures:
			INTAKE_SIDES.reduce((total, side) => total + stats[side].failures, 0) + serialFailures,
	});
	const name = (field: string) =>
		prefix ? `${prefix}${field[0].toUpperCase()}${field.slice(1)}` : field;
	return Object.fromEntries(Object.entries(figures).map(([field, value]) => [name(field), value]));
}

/** n8n's own Chargebee Trigger (no credential, nothing registered), listening to every event. */
const chargebeeFlow: WorkflowJson = {
	id: 'bench-intake-chargebee',
	name: 'bench-intake-chargebee',
	nodes: [
		{
			id: 'c0a8e7b2-3d4f-4e5a-9b6c-000000000001',
			name: 'Chargebee Trigger',
			type: 'n8n-nodes-base.chargebeeTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '2b7c4d9e-0f1a-4b3c-8d5e-6f7a8b9c0d1e',
			parameters: { events: ['*'] },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/** The intake workflows: the published callback-trigger example, a Webhook node answering at once, Chargebee Trigger. */
const intakeWorkflows = (): WorkflowJson[] => [
	webhookFlow('bench-intake-webhook', [], true),
	triggerFlow,
	chargebeeFlow,
];

function intakeSides(n8n: N8nInstance): Record<IntakeSideName, IntakeSide> {
	return {
		trigger: {
			url: n8n.webhookUrl(String(triggerFlow.nodes[0].webhookId), 'airudder'),
			workflowId: triggerFlow.id,
			body: (fields) => fields,
		},
		webhook: {
			url: `${n8n.baseUrl}/webhook/bench-intake-webhook`,
			workflowId: 'bench-intake-webhook',
			body: (fields) => fields,
		},
		chargebeeTrigger: {
			url: n8n.webhookUrl(String(chargebeeFlow.nodes[0].webhookId), 'webhook'),
			workflowId: chargebeeFlow.id,
			body: (fields) => ({ ...fields, event_type: 'payment_succeeded' }),
		},
	};
}

/**
 * Trigger intake on the default n8n (`stack`) and on a second n8n started with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (only the two intake workflows).
 */
async function intakeSection(n8n: N8nInstance): Promise<IDataObject> {
	say(
		`trigger intake: ${INTAKE_POSTS} POSTs at concurrency ${INTAKE_CONCURRENCY}, AIRudder Trigger vs Webhook vs Chargebee Trigger (two halves, the second in reverse order)`,
	);
	const figures = await intakeFigures(n8n, intakeSides(n8n), INTAKE_POSTS);
	say('trigger intake again on an n8n started with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true');
	const lazy = await startStack({
		credentialIds: [],
		workflows: intakeWorkflows,
		publish: intakeWorkflows().map((wf) => wf.id),
		env: { ...N8N_ENV, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	});
	try {
		Object.assign(
			figures,
			await intakeFigures(lazy.n8n, intakeSides(lazy.n8n), INTAKE_POSTS, 'lazy'),
		);
	} finally {
		await lazy.stop();
	}
	return { ...figures, intakePostsPerSide: INTAKE_POSTS, intakeConcurrency: INTAKE_CONCURRENCY };
}

/** Extra environment of every benchmark n8n: /metrics on, for the expression-engine counters. */
const N8N_ENV = { N8N_METRICS: 'true' };

async function main(): Promise<void> {
	const started = Date.now();
	const sections = selectedSections();
	say(
		`starting the sandbox and n8n (package installed as a community package); sections: ${sections.join(', ')}`,
	);
	const stack = await startStack({
		credentialIds: ['benchCred', 'benchTokenCred', ...CONCURRENCY_SWEEP.map(sweepCredentialId)],
		credentialData: Object.fromEntries(
			CONCURRENCY_SWEEP.map((c) => [sweepCredentialId(c), { readConcurrency: c }]),
		),
		workflows: (sandbox) => [...workflows(sandbox), triggerFlow, chargebeeFlow],
		publish: [
			...workflows({ url: 'http://unused' } as Sandbox).map((wf) => wf.id),
			triggerFlow.id,
			chargebeeFlow.id,
		],
		env: N8N_ENV,
	});
	const { sandbox, n8n, pid } = stack;
	const url = (id: string) => `${n8n.baseUrl}/webhook/${id}`;
	const results: IDataObject = {
		generatedAt: new Date().toISOString(),
		cpus: os.cpus().length,
		n8n: '2.41.1',
		harness: 'real n8n 2.41.1 (n8n start, webhook-started workflows, sqlite)',
	};
	try {
		if (sections.includes('recording'))
			Object.assign(results, await recordingSection(sandbox, url('bench-recording'), pid));
		const auth = await post(`${sandbox.url}/service/cloud/auth`, {
			APPKey: APP_KEY,
			APPSecret: APP_SECRET,
		});
		const token = String((JSON.parse(auth.body) as { data: { token: string } }).data.token);
		if (sections.includes('tokens')) {
			const taskId = await createTaskDirect(sandbox, token, 'bench-detail-target', 3);
			Object.assign(results, await tokensSection(sandbox, url, taskId));
			Object.assign(results, await concurrencySection(url, taskId, GET_EXECUTIONS));
		}
		if (sections.includes('contacts'))
			Object.assign(results, await contactsSection(sandbox, n8n, url, token));
		if (sections.includes('expressions'))
			Object.assign(
				results,
				await expressionsSection(sandbox, url, (id, name) => nodeTimeMs(n8n, id, name)),
			);
		if (sections.includes('intake')) Object.assign(results, await intakeSection(n8n));
		if (sections.includes('pds')) Object.assign(results, await pdsSection());
		if (sections.includes('qa')) Object.assign(results, await qaSection());
		results.benchSeconds = Math.round((Date.now() - started) / 1000);
	} finally {
		say('stopping n8n and the sandbox');
		await stack.stop();
	}
	// A full run replaces every figure but the soak's (its own command); a partial run updates its own.
	writeResults(results, sections.length === SECTIONS.length ? /^soak/ : undefined);
	const merged = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as IDataObject;
	const table = resultsTable(merged);
	await writeReadmeTable(table);
	process.stdout.write(`${table}\n\n${JSON.stringify(results, null, 2)}\n`);
	const failures = benchFailures(merged);
	if (failures.length) {
		process.stderr.write(`[bench] FAILED: ${failures.join('; ')}\n`);
		process.exitCode = 1;
	}
}

/** The run's own pass marks (exit code 1 when one fails). */
function benchFailures(r: IDataObject): string[] {
	const failures: string[] = [];
	if (r.tokenExchangesPer1000Ops !== 1)
		failures.push(`tokenExchangesPer1000Ops is ${String(r.tokenExchangesPer1000Ops)}, expected 1`);
	if (r.requestsFor10000Contacts !== 1)
		failures.push(`requestsFor10000Contacts is ${String(r.requestsFor10000Contacts)}, expected 1`);
	if (!(Number(r.peakRssGrowthMbFor195MBMore) <= RSS_GROWTH_LIMIT_MB))
		failures.push(
			`peak RSS grows with the recording size (${String(r.peakRssGrowthMbFor195MBMore)} MB more for 195 MB more file, limit ${RSS_GROWTH_LIMIT_MB})`,
		);
	if (r.triggerExpressionsPerCallback !== 0 || r.lazyTriggerExpressionsPerCallback !== 0)
		failures.push('the AIRudder Trigger made n8n evaluate expressions per callback');
	if (r.lazyTriggerIsolatesPerCallback !== 0)
		failures.push(
			`the AIRudder Trigger made a lazy-acquiring n8n build ${String(r.lazyTriggerIsolatesPerCallback)} isolates per callback, expected 0`,
		);
	if (
		r.expressionContactsRatioVsSetNode !== undefined &&
		!(Number(r.expressionContactsRatioVsSetNode) <= EXPRESSION_RATIO_LIMIT)
	)
		failures.push(
			`Task → Create with an expression-mapped field takes ${String(r.expressionContactsRatioVsSetNode)} × the Set node's time (limit ${EXPRESSION_RATIO_LIMIT})`,
		);
	if (Number(r.wallMsFor1000GetsOurs) > Number(r.wallMsFor1000GetsHttpRequest))
		failures.push(
			`1,000 Task → Get took ${String(r.wallMsFor1000GetsOurs)} ms, the HTTP Request node ${String(r.wallMsFor1000GetsHttpRequest)} ms`,
		);
	for (const field of ['intakeFailures', 'lazyIntakeFailures'])
		if (Number(r[field]) > 0) failures.push(`${String(r[field])} ${field}`);
	return failures;
}

/** POSTs a create-task body straight to the sandbox with a token; resolves with the answer and the latency. */
async function postWithToken(
	sandbox: Sandbox,
	token: string,
	body: IDataObject,
): Promise<{ json: IDataObject; ms: number }> {
	const payload = Buffer.from(JSON.stringify(body));
	const t0 = process.hrtime.bigint();
	return await new Promise((resolve, reject) => {
		const req = http.request(
			`${sandbox.url}/service/cloud/v2/task`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Token ${token}`,
					'content-length': payload.length,
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject,
						ms: Number(process.hrtime.bigint() - t0) / 1e6,
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** Creates a task of `n` contacts straight on the sandbox; returns its TaskID. */
async function createTaskDirect(
	sandbox: Sandbox,
	token: string,
	name: string,
	n: number,
): Promise<string> {
	const details = (new Function('n', `return ${CONTACTS_JS}`) as (n: number) => IDataObject[])(n);
	const { json } = await postWithToken(sandbox, token, {
		TaskName: name,
		...TASK_CREATE_FIELDS,
		Details: details,
	});
	const taskId = (json.data as IDataObject | undefined)?.TaskID;
	if (typeof taskId !== 'string') throw new Error(`create task answered ${JSON.stringify(json)}`);
	return taskId;
}

/** The Markdown table of bench/README.md. */
function resultsTable(r: IDataObject): string {
	const row = (what: string, ours: unknown, baseline: unknown, ratio: unknown) =>
		`| ${what} | ${String(ours)} | ${String(baseline)} | ${String(ratio)} |`;
	/** An intake figure of one side, e.g. `intake('lazy', 'webhook', 'IntakePerSecond')`. */
	const intake = (prefix: '' | 'lazy', side: string, figure: string) => {
		const field = `${side}${figure}`;
		return String(r[prefix ? `${prefix}${field[0].toUpperCase()}${field.slice(1)}` : field]);
	};
	/** The intake baselines' figures: `<Webhook node> (Webhook); <Chargebee Trigger> (Chargebee)`. */
	const baselines = (figure: (side: string) => string) =>
		`${figure('webhook')} (Webhook); ${figure('chargebeeTrigger')} (Chargebee)`;
	const intakeRatios = (prefix: '' | 'lazy') =>
		`ours ÷ webhook = ${intake(prefix, 'trigger', 'IntakeRatioVsWebhook')}; ours ÷ Chargebee = ${intake(prefix, 'trigger', 'IntakeRatioVsChargebeeTrigger')}`;
	const isolates = (prefix: '' | 'lazy', side: string) =>
		`${intake(prefix, side, 'IsolatesPerCallback')} / ${intake(prefix, side, 'ExpressionsPerCallback')}`;
	return [
		`Measured ${String(r.generatedAt).slice(0, 16)}Z on ${String(r.cpus)} CPUs, ${String(r.harness)}.`,
		'',
		'| measure | AIRudder node | n8n baseline | baseline ÷ ours |',
		'|---|---|---|---|',
		row(
			'token exchanges per 1,000 Task → Get (100 items × 10 executions)',
			r.tokenExchangesPer1000Ops,
			`${String(r.httpRequestTokenExchangesPer1000Ops)} (login once per execution); ${String(r.httpRequestPerItemLoginTokenExchangesPer1000Ops)} (login per item)`,
			r.tokenExchangeRatioHttpRequestVsOurs,
		),
		row(
			`wall time of those 1,000 Task → Get (ms; Concurrent Reads ${String(r.readConcurrencyOurs ?? 1)})`,
			r.wallMsFor1000GetsOurs,
			`${String(r.wallMsFor1000GetsHttpRequest)} (login once per execution)`,
			round(Number(r.wallMsFor1000GetsHttpRequest) / Number(r.wallMsFor1000GetsOurs), 2),
		),
		...(r.wallMsFor1000GetsAtConcurrency1 !== undefined
			? [
					row(
						'the same 1,000 Task → Get by Concurrent Reads (ms)',
						CONCURRENCY_SWEEP.map(
							(c) => `${c}: ${String(r[`wallMsFor1000GetsAtConcurrency${c}`])}`,
						).join('; '),
						`${String(r.wallMsFor1000GetsHttpRequest)} (HTTP Request)`,
						CONCURRENCY_SWEEP.map(
							(c) =>
								`${c}: ${round(Number(r.wallMsFor1000GetsHttpRequest) / Number(r[`wallMsFor1000GetsAtConcurrency${c}`]), 2)}`,
						).join('; '),
					),
				]
			: []),
		row(
			'requests for a 10,000-contact task',
			r.requestsFor10000Contacts,
			`${String(r.httpRequestPerContactRequestsFor10000Contacts)} (HTTP Request per contact); ${String(r.codeBatchHttpRequestRequestsFor10000Contacts)} (Code batch + HTTP Request)`,
			`${String(r.httpRequestPerContactRequestsFor10000Contacts)}; ${String(r.codeBatchHttpRequestRequestsFor10000Contacts)}`,
		),
		row(
			'wall time, 10,000 contacts (ms)',
			r.wallMsFor10000ContactsOurs,
			`${String(r.wallMsFor10000ContactsHttpRequestPerContact)} (per contact); ${String(r.wallMsFor10000ContactsCodeBatchHttpRequest)} (Code batch)`,
			`${String(r.wallTimeRatioPerContactVsOurs)}; ${String(r.wallTimeRatioCodeBatchVsOurs)}`,
		),
		row(
			'Task → Create overhead per contact (µs, node time − direct POST)',
			r.taskCreateOverheadMicrosPerItem,
			`${String(r.jsonStringifyMicrosPerItem)} (JSON.stringify of the contact)`,
			`ours = ${String(r.overheadRatioVsJsonStringify)} × stringify`,
		),
		...(r.expressionContactsRatioVsSetNode !== undefined
			? [
					row(
						`${String(r.expressionContacts)} contacts, one contact field = \`${String(r.expressionUsed)}\`: node time (ms, median of ${String(r.expressionRounds)})`,
						`${String(r.taskCreateNodeMsWithExpression)} (Task → Create; ${String(r.taskCreateNodeMsWithoutExpression)} without the expression)`,
						`${String(r.setNodeMsWithExpression)} (Set node, same expression)`,
						`ours ÷ Set = ${String(r.expressionContactsRatioVsSetNode)} (limit ${EXPRESSION_RATIO_LIMIT})`,
					),
				]
			: []),
		row(
			'callback intake (per s, concurrency 20)',
			r.triggerIntakePerSecond,
			baselines((side) => intake('', side, 'IntakePerSecond')),
			intakeRatios(''),
		),
		row(
			'callback latency p50 / p99 at concurrency 20 (ms)',
			`${String(r.triggerP50Ms)} / ${String(r.triggerP99Ms)}`,
			baselines((side) => `${intake('', side, 'P50Ms')} / ${intake('', side, 'P99Ms')}`),
			'',
		),
		row(
			'callback latency p50, one at a time (ms)',
			r.triggerSerialP50Ms,
			baselines((side) => intake('', side, 'SerialP50Ms')),
			'',
		),
		row(
			'expression isolates / expressions evaluated per callback',
			isolates('', 'trigger'),
			baselines((side) => isolates('', side)),
			'',
		),
		row(
			'callback intake with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (per s, concurrency 20)',
			r.lazyTriggerIntakePerSecond,
			baselines((side) => intake('lazy', side, 'IntakePerSecond')),
			intakeRatios('lazy'),
		),
		row(
			'the same: latency p50 one at a time (ms); isolates / expressions per callback',
			`${String(r.lazyTriggerSerialP50Ms)}; ${isolates('lazy', 'trigger')}`,
			baselines((side) => `${intake('lazy', side, 'SerialP50Ms')}; ${isolates('lazy', side)}`),
			'',
		),
		row(
			`n8n peak RSS downloading a recording (MB, median of ${String(r.recordingRounds)})`,
			`${String(r.peakRssMbDownload50MB)} (50 MB file); ${String(r.peakRssMbDownload200MB)} (200 MB file)`,
			`${String(r.peakRssMbDownload5MB)} (5 MB file)`,
			`50 MB ÷ 5 MB = ${String(r.peakRssRatio50MBvs5MB)}; 200 MB ÷ 5 MB = ${String(r.peakRssRatio200MBvs5MB)}`,
		),
		row(
			'RSS rise during the download (MB, median)',
			`${String(r.peakRssRiseMbDownload50MB)} (50 MB); ${String(r.peakRssRiseMbDownload200MB)} (200 MB)`,
			`${String(r.peakRssRiseMbDownload5MB)} (5 MB)`,
			`200 MB − 5 MB = ${String(r.peakRssGrowthMbFor195MBMore)} MB (limit ${RSS_GROWTH_LIMIT_MB})`,
		),
		...(r.pdsRecordsWallMsFor10000 !== undefined
			? [
					row(
						'Predictive Dialer: Call → Get Records, Return All over 10,000 records (requests; wall ms; node ms)',
						`${String(r.pdsRecordsRequestsFor10000)} (pages of ${String(r.pdsRecordsPageSize)}); ${String(r.pdsRecordsWallMsFor10000)}; ${String(r.pdsRecordsNodeMsFor10000)}`,
						'',
						'',
					),
				]
			: []),
		...(r.qaUploadPeakRssRiseMb200 !== undefined
			? [
					row(
						`QA: RSS rise while Analyse Recordings uploads a WAV (MB, median of ${String(r.qaUploadRounds)}; download included)`,
						`${String(r.qaUploadPeakRssRiseMb50)} (50 MB); ${String(r.qaUploadPeakRssRiseMb200)} (200 MB)`,
						`${String(r.qaUploadPeakRssRiseMb5)} (5 MB)`,
						`200 MB − 5 MB = ${round(Number(r.qaUploadPeakRssRiseMb200) - Number(r.qaUploadPeakRssRiseMb5), 1)} MB; base64 of 200 MB alone would be 267 MB`,
					),
				]
			: []),
		...(r.soakRssSlopeMbPerMin !== undefined
			? [
					row(
						`soak: n8n RSS slope (MB/min) over ${String(r.soakMinutes)} min`,
						r.soakRssSlopeMbPerMin,
						'',
						'',
					),
				]
			: []),
	].join('\n');
}

/**
 * Replaces the table between the markers of bench/README.md and formats the file with the
 * project's Prettier settings, so that `npm run lint` passes whichever benchmark wrote it.
 */
export async function writeReadmeTable(table: string): Promise<void> {
	const file = path.join(ROOT, 'bench', 'README.md');
	const text = fs.readFileSync(file, 'utf8');
	const start = '<!-- results:start -->';
	const end = '<!-- results:end -->';
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} / ${end} markers`);
	const updated = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
	const options = (await prettier.resolveConfig(file)) ?? {};
	fs.writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}

export { resultsTable };

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(
			`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`,
		);
		process.exitCode = 1;
	});
}
