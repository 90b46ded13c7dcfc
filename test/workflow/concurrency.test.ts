/**
 * Reads sent several items at once (the credentials' "Concurrent Reads"): output order, pairing,
 * Continue On Fail, the first request alone, and token refreshes when the token expires before or
 * in the middle of a run. Plus Task → Create with expression-mapped contact fields (the per-item
 * values the expression fast path must keep).
 *
 * In-flight requests are sampled every 2 ms from the sandbox's record (status 0 = not answered yet);
 * the sandbox's delay faults hold each answer long enough for the sampler to see them.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AirudderChatbotApi } from '../../credentials/AirudderChatbotApi.credentials';
import { AirudderChatbot } from '../../nodes/Airudder/AirudderChatbot.node';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import {
	airudderWorkflow,
	contacts,
	itemsWorkflow,
	startAirudder,
	taskCreateParameters,
} from '../support/airudder';
import { WorkflowHarness } from '../support/workflow';

const DETAIL = '/service/cloud/detail';

/** Samples how many requests to `path` are in flight while `run` runs; resolves with the maximum. */
async function maxInFlight<T>(
	sandbox: Sandbox,
	path: string,
	run: () => Promise<T>,
	onSample: (arrived: number) => void = () => undefined,
): Promise<{ result: T; max: number }> {
	let max = 0;
	const timer = setInterval(() => {
		const mine = sandbox.requests.filter((r) => r.path === path);
		max = Math.max(max, mine.filter((r) => r.status === 0).length);
		onSample(mine.length);
	}, 2);
	try {
		return { result: await run(), max };
	} finally {
		clearInterval(timer);
	}
}

const getTask = (settings = {}, items: IDataObject[] = []) =>
	airudderWorkflow(
		{ resource: 'task', operation: 'get', taskId: '={{ $json.id }}' },
		items,
		settings,
	);

describe('reads at several items at once (Concurrent Reads)', () => {
	let env: Awaited<ReturnType<typeof startAirudder>>;
	let taskIds: string[];
	beforeAll(async () => {
		env = await startAirudder({}, { readConcurrency: 3 });
		taskIds = [];
		for (let i = 0; i < 3; i++) {
			const created = await env.harness.run(
				airudderWorkflow(taskCreateParameters({ taskName: `conc-${i}` }), contacts(1)),
			);
			taskIds.push(created.output('AIRudder')[0].json.TaskID as string);
		}
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
	const preAuths = (from: number) =>
		env.harness.credentialEvents.slice(from).filter((e) => e.kind === 'preAuthentication');

	test('Task → Get: at most 3 at once, the first alone, output in input order and paired', async () => {
		const ids = Array.from({ length: 12 }, (_, i) => taskIds[i % 3]);
		// answers out of order: the first alone waits 300 ms, then long and short delays alternate
		env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: 300 });
		for (let i = 1; i < ids.length; i++)
			env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: i % 2 ? 250 : 20 });
		const { result, max } = await maxInFlight(env.sandbox, DETAIL, () =>
			env.harness.run(
				getTask(
					{},
					ids.map((id) => ({ id })),
				),
			),
		);
		expect(result.error).toBeUndefined();
		expect(max).toBe(3);
		const detail = env.sandbox.requests.filter((r) => r.path === DETAIL);
		expect(detail).toHaveLength(12);
		// the second request left only after the first one's (300 ms) answer
		expect(detail[1].at - detail[0].at).toBeGreaterThanOrEqual(290);
		const output = result.output('AIRudder');
		expect(output.map((i) => i.json.TaskID)).toEqual(ids);
		expect(output.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	test('a run reads its credential once, not once per request: 30 reads, 1 credential read, then a second run reads it again', async () => {
		const ids = Array.from({ length: 30 }, (_, i) => taskIds[i % 3]);
		const reads = () =>
			env.harness.credentialEvents.filter((e) => e.kind === 'getDecrypted').length;
		const before = reads();
		const result = await env.harness.run(
			getTask(
				{},
				ids.map((id) => ({ id })),
			),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests.filter((r) => r.path === DETAIL)).toHaveLength(30);
		expect(reads() - before).toBe(1);
		// an edited credential is seen by the next run: a wrong Base URL now fails it
		const stored = env.harness.credentialsStore('airudderApi');
		env.harness.setCredentials('airudderApi', { ...stored, baseUrl: 'http://127.0.0.1:9' });
		try {
			const next = await env.harness.run(getTask({}, [{ id: taskIds[0] }]));
			expect(next.error?.message).toMatch(/ECONNREFUSED|connection|reach/i);
			expect(reads() - before).toBe(2);
		} finally {
			env.harness.setCredentials('airudderApi', stored);
		}
	});

	test('Task ID read straight from the item ({{ $json.id }}, {{ $json["task id"] }}) or through any other expression gives the same tasks', async () => {
		const items = taskIds.map((id) => ({ id, 'task id': id, nested: { id } }));
		for (const taskId of [
			'={{ $json.id }}',
			'={{ $json["task id"] }}',
			'={{ $json.nested.id }}',
			"={{ $json.id + '' }}",
		]) {
			const result = await env.harness.run(
				airudderWorkflow({ resource: 'task', operation: 'get', taskId }, items),
			);
			expect(result.error).toBeUndefined();
			expect(result.output('AIRudder').map((i) => i.json.TaskID)).toEqual(taskIds);
		}
		const missing = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'get', taskId: '={{ $json.id }}' }, [
				{ id: taskIds[0] },
				{ other: 1 },
			]),
		);
		expect(missing.error?.message).toBe('Item 1: Task ID is required');
	});

	test('Continue On Fail: an unknown task fails only its own item, in place', async () => {
		const ids = [taskIds[0], 'missing-1', taskIds[1], taskIds[2], 'missing-2', taskIds[0]];
		env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: 150, times: 6 });
		const { result, max } = await maxInFlight(env.sandbox, DETAIL, () =>
			env.harness.run(
				getTask(
					{ continueOnFail: true },
					ids.map((id) => ({ id })),
				),
			),
		);
		expect(result.error).toBeUndefined();
		expect(max).toBe(3);
		const output = result.output('AIRudder');
		expect(output.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(output.map((i) => (i.json.error ? 'error' : i.json.TaskID))).toEqual(
			ids.map((id) => (id.startsWith('missing') ? 'error' : id)),
		);
		expect(output[1].json.error).toMatch(/TaskID missing-1 not found/);
	});

	test('without Continue On Fail the node fails naming the first failed item', async () => {
		const ids = [taskIds[0], taskIds[1], 'missing-2', 'missing-3', taskIds[2]];
		env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: 100, times: 5 });
		const { result, max } = await maxInFlight(env.sandbox, DETAIL, () =>
			env.harness.run(
				getTask(
					{},
					ids.map((id) => ({ id })),
				),
			),
		);
		expect(max).toBe(3);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/TaskID missing-2 not found/);
		expect((result.error as NodeApiError).context.itemIndex).toBe(2);
	});

	test('an expired token at the start of a run is refreshed once: the first read goes alone', async () => {
		env.sandbox.expireTokens();
		const issued = env.sandbox.tokensIssued;
		const events = env.harness.credentialEvents.length;
		env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: 100, times: 9 });
		const ids = Array.from({ length: 9 }, (_, i) => taskIds[i % 3]);
		const { result, max } = await maxInFlight(env.sandbox, DETAIL, () =>
			env.harness.run(
				getTask(
					{},
					ids.map((id) => ({ id })),
				),
			),
		);
		expect(result.error).toBeUndefined();
		expect(max).toBe(3);
		expect(preAuths(events)).toEqual([expect.objectContaining({ expired: true })]);
		expect(env.sandbox.tokensIssued - issued).toBe(1);
		expect(result.output('AIRudder').map((i) => i.json.TaskID)).toEqual(ids);
	});

	test('a token that expires in the middle of a run costs at most 3 refreshes (one per read in flight)', async () => {
		const issued = env.sandbox.tokensIssued;
		const events = env.harness.credentialEvents.length;
		const ids = Array.from({ length: 24 }, (_, i) => taskIds[i % 3]);
		env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: 80, times: 60 });
		let expired = false;
		const { result, max } = await maxInFlight(
			env.sandbox,
			DETAIL,
			() =>
				env.harness.run(
					getTask(
						{},
						ids.map((id) => ({ id })),
					),
				),
			(arrived) => {
				// expire once 10 reads have arrived: the ones in flight then answer 401
				if (!expired && arrived >= 10) {
					expired = true;
					env.sandbox.expireTokens();
				}
			},
		);
		expect(expired).toBe(true);
		expect(result.error).toBeUndefined();
		expect(max).toBe(3);
		const detail = env.sandbox.requests.filter((r) => r.path === DETAIL);
		const refused = detail.filter((r) => r.status === 401).length;
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(3);
		const refreshes = preAuths(events);
		expect(refreshes.length).toBeGreaterThanOrEqual(1);
		expect(refreshes.length).toBeLessThanOrEqual(3);
		expect(refreshes.every((e) => e.expired)).toBe(true);
		expect(env.sandbox.tokensIssued - issued).toBe(refreshes.length);
		expect(detail.filter((r) => r.status === 200)).toHaveLength(24);
		const output = result.output('AIRudder');
		expect(output.map((i) => i.json.TaskID)).toEqual(ids);
		expect(output.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	test('a credential without a token signs in once for a concurrent run', async () => {
		const stored = env.harness.credentialsStore('airudderApi');
		env.harness.setCredentials('airudderApi', { ...stored, sessionToken: '' });
		const issued = env.sandbox.tokensIssued;
		const events = env.harness.credentialEvents.length;
		env.sandbox.setFault({ method: 'GET', path: DETAIL, delayMs: 150, times: 6 });
		const ids = Array.from({ length: 6 }, (_, i) => taskIds[i % 3]);
		const { result, max } = await maxInFlight(env.sandbox, DETAIL, () =>
			env.harness.run(
				getTask(
					{},
					ids.map((id) => ({ id })),
				),
			),
		);
		expect(result.error).toBeUndefined();
		expect(max).toBe(3);
		expect(preAuths(events)).toEqual([expect.objectContaining({ expired: false })]);
		expect(env.sandbox.tokensIssued - issued).toBe(1);
	});

	test('Recording → Get Call Recording downloads several items at once, each file on its own item', async () => {
		const items = [0, 1, 2, 0].map((i) => ({ id: taskIds[i], phone: '+628120000000' }));
		env.sandbox.setFault({ method: 'GET', path: '/service/cloud/case', delayMs: 120, times: 4 });
		const { result, max } = await maxInFlight(env.sandbox, '/service/cloud/case', () =>
			env.harness.run(
				airudderWorkflow(
					{
						resource: 'recording',
						operation: 'getCallRecording',
						taskId: '={{ $json.id }}',
						callee: '={{ $json.phone }}',
					},
					items,
				),
			),
		);
		expect(result.error).toBeUndefined();
		expect(max).toBe(3);
		const output = result.output('AIRudder');
		expect(output.map((i) => [i.json.TaskID, i.pairedItem])).toEqual(
			items.map((item, index) => [item.id, { item: index }]),
		);
		expect(output.every((i) => i.binary?.data !== undefined)).toBe(true);
	});

	test('writes stay one at a time (Task → Stop)', async () => {
		env.sandbox.setFault({
			method: 'POST',
			path: '/service/cloud/operation',
			delayMs: 60,
			times: 3,
		});
		const { max } = await maxInFlight(env.sandbox, '/service/cloud/operation', () =>
			env.harness.run(
				airudderWorkflow(
					{ resource: 'task', operation: 'stop', taskId: '={{ $json.id }}' },
					taskIds.map((id) => ({ id })),
					{ continueOnFail: true },
				),
			),
		);
		expect(env.sandbox.requests.filter((r) => r.path === '/service/cloud/operation')).toHaveLength(
			3,
		);
		expect(max).toBe(1);
	});
});

describe('Chatbot Message → Get Many at several items at once', () => {
	test('Concurrent Reads 2: two at once, messages in input order, each paired to its item', async () => {
		const sandbox = await startSandbox({ chatbotApiKey: 'conc-key' });
		const harness = new WorkflowHarness({
			nodeTypes: { 'n8n-nodes-airudder.airudderChatbot': new AirudderChatbot() },
			credentialTypes: [new AirudderChatbotApi()],
			credentials: {
				airudderChatbotApi: { apiKey: 'conc-key', baseUrl: sandbox.url, readConcurrency: 2 },
			},
		});
		try {
			const path = '/api/v1/session/messages';
			for (const delayMs of [100, 150, 10, 150, 10]) sandbox.setFault({ path, delayMs });
			const { result, max } = await maxInFlight(sandbox, path, () =>
				harness.run(
					itemsWorkflow(
						{
							type: 'n8n-nodes-airudder.airudderChatbot',
							name: 'Chatbot',
							credentials: { airudderChatbotApi: { id: 'c', name: 'c' } },
						},
						{ resource: 'message', operation: 'getAll', callId: '={{ $json.call }}', size: 1 },
						['a', 'b', 'c', 'd', 'e'].map((call) => ({ call })),
					),
				),
			);
			expect(result.error).toBeUndefined();
			expect(max).toBe(2);
			expect(sandbox.requests.map((r) => (r.body as IDataObject).call_id)).toHaveLength(5);
			expect(result.output('Chatbot').map((i) => i.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
		} finally {
			await harness.close();
			await sandbox.close();
		}
	});
});

describe('Task → Create with expression-mapped contact fields', () => {
	let env: Awaited<ReturnType<typeof startAirudder>>;
	beforeAll(async () => {
		env = await startAirudder();
	});
	afterAll(async () => await env.close());
	beforeEach(() => env.sandbox.clearRequests());

	test('every contact gets its own values from expressions in mapped, Contact and Additional Contact fields', async () => {
		const items = Array.from({ length: 30 }, (_, i) => ({
			phone: `+62 812-${String(i).padStart(7, '0')}`,
			first: `Name${i}`,
			loan: 100 + i,
			tag: i % 2 ? 'odd' : 'even',
		}));
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					taskName: 'expr-contacts',
					mobile: '={{ $json.phone }}',
					customer: "={{ $json.first + ' ' + $itemIndex }}",
					platform: 'Fixed Platform',
					comments: "={{ $('Items').item.json.tag.toUpperCase() }}",
					contactFields: { ExtraA: '={{ $json.tag }}-{{ $json.loan * 2 }}', Unit: 'IDR' },
					additionalContactFields: {
						field: [
							{ name: 'Order', value: '={{ "ord-" + $json.loan }}' },
							{ name: 'Constant', value: 'same' },
							{ name: '={{ "k_" + $json.tag }}', value: '={{ $itemIndex }}' },
						],
					},
				}),
				items,
			),
		);
		expect(result.error).toBeUndefined();
		const creates = env.sandbox.requests.filter((r) => r.path === '/service/cloud/v2/task');
		expect(creates).toHaveLength(1);
		const details = (creates[0].body as IDataObject).Details as IDataObject[];
		expect(details).toEqual(
			items.map((item, i) => ({
				Mobile: `+62812${String(i).padStart(7, '0')}`,
				Customer: `Name${i} ${i}`,
				Platform: 'Fixed Platform',
				Comments: item.tag.toUpperCase(),
				ExtraA: `${item.tag}-${item.loan * 2}`,
				Unit: 'IDR',
				Order: `ord-${item.loan}`,
				Constant: 'same',
				[`k_${item.tag}`]: i,
			})),
		);
		expect(result.output('AIRudder').map((i) => i.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
	});

	test('an expression that fails stops the node before anything is sent', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					additionalContactFields: {
						field: [{ name: 'Bad', value: "={{ $('No Such Node').item.json.x }}" }],
					},
				}),
				contacts(3),
			),
		);
		expect(result.error?.message).toMatch(/No Such Node|Referenced node/);
		expect(env.sandbox.requests.filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(0);
	});
});
