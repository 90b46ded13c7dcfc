/**
 * `npm run bench:soak`: a steady mix of AIRudder operations and callbacks against a real n8n 2.41.1
 * (package installed as a community package) and the sandbox, on 127.0.0.1 only, for SOAK_MINUTES
 * (default 10; e.g. SOAK_MINUTES=1 for a quick check). Every SOAK_OPS_EVERY_MS (2000) one
 * execution of "Task → Create (20 contacts) → Task → Get → Recording → Get Call Recording (32 KB
 * download)"; SOAK_CALLBACKS_PER_S (2) callbacks per second to the AIRudder Trigger. The RSS of the
 * `n8n start` process is sampled every 10 s; the least-squares slope (MB/min) of the samples after
 * the first minute's warm-up goes to bench/results.json (`soakRssSlopeMbPerMin`) and the table of
 * bench/README.md. Exits 1 when an operation or callback fails, or when RSS grew at every sample
 * with a slope above 1 MB/min (monotonic growth).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from '../test/support/n8n';
import {
	AIRUDDER,
	codeNode,
	credentialRef,
	memory,
	node,
	post,
	recordingLinks,
	RESULTS_FILE,
	ROOT,
	round,
	runFlow,
	say,
	sleep,
	slope,
	startStack,
	webhookFlow,
	writeResults,
} from './lib';
import { taskCreateParameters } from '../test/support/task-parameters';
import { resultsTable, writeReadmeTable } from './run';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const OPS_EVERY_MS = Number(process.env.SOAK_OPS_EVERY_MS ?? 2000);
const CALLBACKS_PER_S = Number(process.env.SOAK_CALLBACKS_PER_S ?? 2);
const SAMPLE_EVERY_MS = 10_000;
const WARM_UP_MS = Math.min(60_000, (MINUTES * 60_000) / 4);

const airudder = (name: string, parameters: IDataObject, extra = {}) =>
	node(name, AIRUDDER, 1, parameters, { credentials: credentialRef('benchCred'), ...extra });

const opsFlow: WorkflowJson = webhookFlow('soak-ops', [
	codeNode(
		'Contacts',
		`return Array.from({ length: 20 }, (_, i) => ({ json: { Mobile: '+62813' + String(i).padStart(7, '0'), Customer: 'Soak ' + i, Platform: 'SoakLend' } }));`,
	),
	airudder('Create Task', taskCreateParameters({ taskName: '=soak-{{ $execution.id }}' })),
	airudder(
		'Get Task',
		{ resource: 'task', operation: 'get', taskId: '={{ $json.TaskID }}' },
		{ executeOnce: true },
	),
	airudder('Recording', {
		resource: 'recording',
		operation: 'getCallRecording',
		taskId: '={{ $json.TaskID }}',
		callee: "={{ $('Contacts').first().json.Mobile }}",
	}),
]);
const triggerFlow = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'examples', 'callback-trigger.json'), 'utf8'),
) as WorkflowJson;

async function main(): Promise<void> {
	say(
		`soak: ${MINUTES} min, one operations run every ${OPS_EVERY_MS} ms, ${CALLBACKS_PER_S} callbacks/s`,
	);
	const stack = await startStack({
		credentialIds: ['benchCred'],
		workflows: () => [opsFlow, triggerFlow],
		publish: [opsFlow.id, triggerFlow.id],
	});
	const { sandbox, n8n, pid } = stack;
	const hookUrl = n8n.webhookUrl(String(triggerFlow.nodes[0].webhookId), 'airudder');
	const started = Date.now();
	const end = started + MINUTES * 60_000;
	const samples: Array<[number, number]> = [];
	let ops = 0;
	let callbacks = 0;
	const failures: string[] = [];
	const inFlight = new Set<Promise<unknown>>();
	const track = (promise: Promise<unknown>) => {
		inFlight.add(promise);
		void promise.finally(() => inFlight.delete(promise));
	};
	try {
		const sampler = setInterval(() => {
			const minutes = (Date.now() - started) / 60_000;
			const { rssMb } = memory(pid);
			samples.push([minutes, rssMb]);
			say(
				`t=${minutes.toFixed(1)} min  RSS ${rssMb.toFixed(1)} MB  ops ${ops}  callbacks ${callbacks}  failures ${failures.length}`,
			);
		}, SAMPLE_EVERY_MS);
		let nextOps = Date.now();
		let nextCallback = Date.now();
		while (Date.now() < end) {
			const now = Date.now();
			if (now >= nextOps) {
				nextOps += OPS_EVERY_MS;
				track(
					runFlow(`${n8n.baseUrl}/webhook/${opsFlow.id}`)
						.then(({ json }) => {
							if (!recordingLinks(json).some((link) => link.includes('/__sandbox/media/')))
								throw new Error(`unexpected answer ${JSON.stringify(json).slice(0, 200)}`);
							ops++;
						})
						.catch((error: Error) => failures.push(`ops: ${error.message}`)),
				);
			}
			if (now >= nextCallback) {
				nextCallback += 1000 / CALLBACKS_PER_S;
				track(
					post(hookUrl, { workflow_id: `soak-${callbacks}`, status: 'finished' }, 30_000)
						.then((res) => {
							if (res.status !== 200 || res.body !== '{}')
								throw new Error(`HTTP ${res.status} ${res.body.slice(0, 100)}`);
							callbacks++;
						})
						.catch((error: Error) => failures.push(`callback: ${error.message}`)),
				);
			}
			if (sandbox.requests.length > 10_000) sandbox.clearRequests();
			await sleep(Math.max(1, Math.min(nextOps, nextCallback) - Date.now()));
		}
		clearInterval(sampler);
		await Promise.all([...inFlight]);
	} finally {
		await stack.stop();
	}
	const steady = samples.filter(([minutes]) => minutes * 60_000 >= WARM_UP_MS);
	const mbPerMin = steady.length >= 2 ? slope(steady) : NaN;
	const monotonic =
		steady.length >= 6 && steady.every(([, rss], i) => i === 0 || rss > steady[i - 1][1]);
	const fields = {
		soakMinutes: MINUTES,
		soakRssSlopeMbPerMin: round(mbPerMin, 3),
		soakRssMonotonic: monotonic,
		soakRssMbFirst: round(steady[0]?.[1] ?? NaN, 1),
		soakRssMbLast: round(steady[steady.length - 1]?.[1] ?? NaN, 1),
		soakRssMbMax: round(Math.max(...samples.map(([, rss]) => rss)), 1),
		soakSamples: samples.length,
		soakOperationRuns: ops,
		soakCallbacks: callbacks,
		soakFailures: failures.length,
		soakRate: `1 operations run / ${OPS_EVERY_MS} ms + ${CALLBACKS_PER_S} callbacks/s`,
	};
	writeResults(fields);
	await writeReadmeTable(
		resultsTable(JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as IDataObject),
	);
	process.stdout.write(`${JSON.stringify(fields, null, 2)}\n`);
	if (failures.length)
		process.stderr.write(
			`[soak] ${failures.length} failures, first: ${failures.slice(0, 5).join(' | ')}\n`,
		);
	if (failures.length || (monotonic && mbPerMin > 1)) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`[soak] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
