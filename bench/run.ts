/**
 * `npm run bench`: the AIRudder nodes against n8n's own HTTP Request / Webhook nodes, side by side
 * in ONE real n8n 2.41.1 (this package installed as a community package) against the sandbox on
 * 127.0.0.1. Every workflow is started by an HTTP POST to its Webhook node, so both sides pay the
 * same overhead. Writes bench/results.json and the table in bench/README.md; prints both.
 * Bounded: about 10 minutes on 2 CPUs once the n8n runtime is cached (BENCH_INTAKE_POSTS, default
 * 2000 per side, sets the size of the intake test). Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';
import { ensureN8nRuntime, type N8nInstance, type WorkflowJson } from '../test/support/n8n';
import {
	AIRUDDER,
	APP_KEY,
	APP_SECRET,
	codeNode,
	credentialRef,
	httpNode,
	load,
	median,
	memory,
	node,
	percentile,
	post,
	resetPeak,
	ROBOT_ID,
	ROOT,
	round,
	runFlow,
	say,
	sleep,
	startStack,
	waitForExecutions,
	webhookFlow,
	writeResults,
} from './lib';

const CONTACTS = 10_000;
const GET_ITEMS = 100;
const GET_EXECUTIONS = 10;
const INTAKE_POSTS = Number(process.env.BENCH_INTAKE_POSTS ?? 2000);
const INTAKE_CONCURRENCY = 20;
const SERIAL_POSTS = 100;
const MB = 1024 * 1024;

/** Generates `n` valid contacts; the same source text runs in n8n's Code node and in the stringify probe. */
const CONTACTS_JS = `Array.from({ length: n }, (_, i) => ({ Mobile: '+62812' + String(i).padStart(7, '0'), Customer: 'Customer ' + i, Platform: 'BenchLend', Comments: 'row-' + i }))`;
const TASK_FIELDS = `RobotID: '${ROBOT_ID}', SIPLine: 'SANDBOX_LINE', Type: 'promotion', Perform: 1, RepeatNumber: 1, RepeatInterval: 10, StartImmediately: true`;
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
				{
					resource: 'task',
					operation: 'create',
					taskName: '=bench-{{ $execution.id }}',
					robotId: { __rl: true, mode: 'id', value: ROBOT_ID },
					sipLine: 'SANDBOX_LINE',
					businessLine: 'telemarketing',
					startImmediately: true,
					perform: 1,
					repeatNumber: 1,
					repeatInterval: 10,
				},
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
	sandbox.setFault({
		method: 'GET',
		path: '/service/cloud/case',
		body: JSON.stringify({
			data: {
				TaskID: 'benchtask',
				Callee: '+628120000000',
				url: `${sandbox.url}/__sandbox/media/benchtask-628120000000.wav?bytes=${bytes}`,
			},
			status: 'OK',
			code: 200,
		}),
	});
	await sleep(500);
	const baseMb = memory(pid).rssMb;
	resetPeak(pid);
	let sampled = baseMb;
	const timer = setInterval(() => (sampled = Math.max(sampled, memory(pid).rssMb)), 10);
	const { json, ms } = await runFlow(flowUrl).finally(() => clearInterval(timer));
	if (!String(json.url ?? '').includes(`bytes=${bytes}`))
		throw new Error(`recording flow answered ${JSON.stringify(json)}`);
	const downloaded = sandbox.requests.filter(
		(r) => r.path.startsWith('/__sandbox/media/') && r.status === 200,
	).length;
	if (downloaded === 0) throw new Error('the recording was not downloaded');
	sandbox.clearRequests();
	return { baseMb, peakMb: Math.max(sampled, memory(pid).hwmMb), ms };
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

async function main(): Promise<void> {
	const started = Date.now();
	say('starting the sandbox and n8n (package installed as a community package)');
	const stack = await startStack({
		credentialIds: ['benchCred', 'benchTokenCred'],
		workflows: (sandbox) => [...workflows(sandbox), triggerFlow],
		publish: [...workflows({ url: 'http://unused' } as Sandbox).map((wf) => wf.id), triggerFlow.id],
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
		// ------------------------------------------------------------ peak RSS while downloading
		say('recording download: peak RSS of the n8n process, 5 MB vs 50 MB');
		await recordingPeak(sandbox, url('bench-recording'), pid, 5 * MB); // warm-up
		const peaks: Record<string, number[]> = { 5: [], 50: [] };
		for (const size of [5, 50, 5, 50])
			peaks[size].push(
				(await recordingPeak(sandbox, url('bench-recording'), pid, size * MB)).peakMb,
			);
		const peak5 = Math.max(...peaks[5]);
		const peak50 = Math.max(...peaks[50]);
		Object.assign(results, {
			binaryDataMode:
				'filesystem (n8n 2.41 default outside queue mode; N8N_DEFAULT_BINARY_DATA_MODE)',
			peakRssMbDownload5MB: round(peak5, 1),
			peakRssMbDownload50MB: round(peak50, 1),
			peakRssGrowthMbFor45MBMore: round(peak50 - peak5, 1),
			peakRssRatio50MBvs5MB: round(peak50 / peak5, 3),
		});

		// ------------------------------------------------------------ token exchanges
		say(`token exchanges: ${GET_ITEMS} Task → Get items × ${GET_EXECUTIONS} executions`);
		const auth = await post(`${sandbox.url}/service/cloud/auth`, {
			APPKey: APP_KEY,
			APPSecret: APP_SECRET,
		});
		const token = String((JSON.parse(auth.body) as { data: { token: string } }).data.token);
		const taskId = await createTaskDirect(sandbox, token, 'bench-detail-target', 3);
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
		const oursTokens = await tokenRun('bench-tokens-ours');
		const httpTokens = await tokenRun('bench-tokens-http');
		const naiveTokens = await tokenRun('bench-tokens-http-naive');
		Object.assign(results, {
			tokenExchangesPer1000Ops: oursTokens.exchanges,
			httpRequestTokenExchangesPer1000Ops: httpTokens.exchanges,
			httpRequestPerItemLoginTokenExchangesPer1000Ops: naiveTokens.exchanges,
			tokenExchangeRatioHttpRequestVsOurs: round(httpTokens.exchanges / oursTokens.exchanges, 1),
			wallMsFor1000GetsOurs: oursTokens.ms,
			wallMsFor1000GetsHttpRequest: httpTokens.ms,
		});

		// ------------------------------------------------------------ 10,000 contacts
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
		Object.assign(results, {
			requestsFor10000Contacts: oursCreate.requests,
			httpRequestPerContactRequestsFor10000Contacts: eachCreate.requests,
			codeBatchHttpRequestRequestsFor10000Contacts: batchCreate.requests,
			wallMsFor10000ContactsOurs: Math.round(oursCreate.ms),
			wallMsFor10000ContactsHttpRequestPerContact: Math.round(eachCreate.ms),
			wallMsFor10000ContactsCodeBatchHttpRequest: Math.round(batchCreate.ms),
			wallTimeRatioPerContactVsOurs: round(eachCreate.ms / oursCreate.ms, 1),
			wallTimeRatioCodeBatchVsOurs: round(batchCreate.ms / oursCreate.ms, 2),
		});

		// ------------------------------------------------------------ per-item overhead
		say('per-item overhead of Task → Create vs JSON.stringify of the same contacts');
		const body = {
			TaskName: 'bench-direct',
			RobotID: ROBOT_ID,
			SIPLine: 'SANDBOX_LINE',
			Type: 'promotion',
			Perform: 1,
			RepeatNumber: 1,
			RepeatInterval: 10,
			StartImmediately: true,
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
		Object.assign(results, {
			taskCreateNodeMsFor10000Contacts: oursNodeMs,
			directPostMsFor10000Contacts: round(directMs, 1),
			taskCreateNodeMicrosPerItem: round(nodeUs, 2),
			taskCreateOverheadMicrosPerItem: round(overheadUs, 2),
			jsonStringifyMicrosPerItem: round(stringifyUs, 3),
			overheadRatioVsJsonStringify: round(overheadUs / stringifyUs, 1),
		});

		// ------------------------------------------------------------ trigger intake
		say(
			`trigger intake: ${INTAKE_POSTS} POSTs at concurrency ${INTAKE_CONCURRENCY}, AIRudder Trigger vs Webhook (alternating halves)`,
		);
		const hookUrl = n8n.webhookUrl(String(triggerFlow.nodes[0].webhookId), 'airudder');
		const sides = {
			trigger: {
				url: hookUrl,
				workflowId: triggerFlow.id,
				latencies: [] as number[],
				wallMs: 0,
				failures: 0,
				sent: 0,
			},
			webhook: {
				url: url('bench-intake-webhook'),
				workflowId: 'bench-intake-webhook',
				latencies: [] as number[],
				wallMs: 0,
				failures: 0,
				sent: 0,
			},
		};
		for (const round_ of [0, 1]) {
			for (const side of round_ === 0
				? (['webhook', 'trigger'] as const)
				: (['trigger', 'webhook'] as const)) {
				const s = sides[side];
				const half = INTAKE_POSTS / 2;
				const result = await load(half, INTAKE_CONCURRENCY, (i) =>
					post(s.url, { workflow_id: `wf-${round_}-${i}`, seq: i, status: 'finished' }, 30_000),
				);
				s.latencies.push(...result.latencies);
				s.wallMs += result.wallMs;
				s.failures += result.failures;
				s.sent += half;
				// let n8n finish the executions this burst started before the other side's burst
				const done = await waitForExecutions(n8n, s.workflowId, s.sent);
				if (done < s.sent) throw new Error(`${side}: ${done} of ${s.sent} executions finished`);
			}
		}
		// one at a time: the cost of one callback without queueing behind others
		const serial = { trigger: [] as number[], webhook: [] as number[] };
		for (let i = 0; i < SERIAL_POSTS; i++) {
			for (const side of ['trigger', 'webhook'] as const) {
				const res = await post(sides[side].url, { workflow_id: `serial-${i}`, seq: i }, 30_000);
				if (res.status === 200) serial[side].push(res.ms);
			}
		}
		await waitForExecutions(n8n, triggerFlow.id, INTAKE_POSTS + SERIAL_POSTS);
		const rate = (s: typeof sides.trigger) => (s.latencies.length * 1000) / s.wallMs;
		Object.assign(results, {
			triggerIntakePerSecond: round(rate(sides.trigger), 1),
			webhookIntakePerSecond: round(rate(sides.webhook), 1),
			triggerIntakeRatioVsWebhook: round(rate(sides.trigger) / rate(sides.webhook), 3),
			triggerP50Ms: round(percentile(sides.trigger.latencies, 50), 1),
			triggerP99Ms: round(percentile(sides.trigger.latencies, 99), 1),
			webhookP50Ms: round(percentile(sides.webhook.latencies, 50), 1),
			webhookP99Ms: round(percentile(sides.webhook.latencies, 99), 1),
			triggerSerialP50Ms: round(percentile(serial.trigger, 50), 1),
			webhookSerialP50Ms: round(percentile(serial.webhook, 50), 1),
			intakeFailures:
				sides.trigger.failures +
				sides.webhook.failures +
				2 * SERIAL_POSTS -
				serial.trigger.length -
				serial.webhook.length,
			intakePostsPerSide: INTAKE_POSTS,
			intakeConcurrency: INTAKE_CONCURRENCY,
		});
		results.benchSeconds = Math.round((Date.now() - started) / 1000);
	} finally {
		say('stopping n8n and the sandbox');
		await stack.stop();
	}
	writeResults(results);
	const table = resultsTable(results);
	writeReadmeTable(table);
	process.stdout.write(`${table}\n\n${JSON.stringify(results, null, 2)}\n`);
	const failures: string[] = [];
	if (results.tokenExchangesPer1000Ops !== 1)
		failures.push(
			`tokenExchangesPer1000Ops is ${String(results.tokenExchangesPer1000Ops)}, expected 1`,
		);
	if (results.requestsFor10000Contacts !== 1)
		failures.push(
			`requestsFor10000Contacts is ${String(results.requestsFor10000Contacts)}, expected 1`,
		);
	if (Number(results.peakRssGrowthMbFor45MBMore) > 20)
		failures.push('peak RSS grows with the recording size');
	if (Number(results.intakeFailures) > 0)
		failures.push(`${String(results.intakeFailures)} intake POSTs failed`);
	if (failures.length) {
		process.stderr.write(`[bench] FAILED: ${failures.join('; ')}\n`);
		process.exitCode = 1;
	}
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
		RobotID: ROBOT_ID,
		SIPLine: 'SANDBOX_LINE',
		Type: 'promotion',
		Perform: 1,
		RepeatNumber: 1,
		RepeatInterval: 10,
		StartImmediately: true,
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
			'wall time of those 1,000 Task → Get (ms)',
			r.wallMsFor1000GetsOurs,
			`${String(r.wallMsFor1000GetsHttpRequest)} (login once per execution)`,
			round(Number(r.wallMsFor1000GetsHttpRequest) / Number(r.wallMsFor1000GetsOurs), 2),
		),
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
		row(
			'callback intake (per s, concurrency 20)',
			r.triggerIntakePerSecond,
			`${String(r.webhookIntakePerSecond)} (Webhook node)`,
			`ours ÷ webhook = ${String(r.triggerIntakeRatioVsWebhook)}`,
		),
		row(
			'callback latency p50 / p99 at concurrency 20 (ms)',
			`${String(r.triggerP50Ms)} / ${String(r.triggerP99Ms)}`,
			`${String(r.webhookP50Ms)} / ${String(r.webhookP99Ms)}`,
			'',
		),
		row('callback latency p50, one at a time (ms)', r.triggerSerialP50Ms, r.webhookSerialP50Ms, ''),
		row(
			'n8n peak RSS downloading a recording (MB)',
			`${String(r.peakRssMbDownload50MB)} (50 MB file)`,
			`${String(r.peakRssMbDownload5MB)} (5 MB file)`,
			`50 MB ÷ 5 MB = ${String(r.peakRssRatio50MBvs5MB)}`,
		),
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

/** Replaces the table between the markers of bench/README.md. */
export function writeReadmeTable(table: string): void {
	const file = path.join(ROOT, 'bench', 'README.md');
	const text = fs.readFileSync(file, 'utf8');
	const start = '<!-- results:start -->';
	const end = '<!-- results:end -->';
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} / ${end} markers`);
	fs.writeFileSync(file, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
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
