/**
 * The AIRudder package in a REAL n8n 2.41.1, installed the way a manual community-node install
 * does it, against the sandbox over real HTTP on 127.0.0.1: the example workflows, the token kept
 * by n8n's credential mechanism across executions, the credential test, bad input, and the
 * trigger's answers (including 1,000 concurrent callbacks, each one execution).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import got from 'got';
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_CHATBOT_API_KEY } from '../../sandbox/chatbot';
import { PDS_APP_KEY, PDS_APP_SECRET } from '../../sandbox/pds';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { qaSandboxCredential } from '../support/qa';
import {
	ensureN8nRuntime,
	N8nInstance,
	nodeOutput,
	type RunResult,
	type WorkflowJson,
} from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const APP_KEY = 'e2e-app-key';
const APP_SECRET = 'e2e-app-secret';
const CREDENTIAL = { id: 'airudderSandboxCred', name: 'AIRudder sandbox', type: 'airudderApi' };
const CHATBOT_CREDENTIAL = {
	id: 'airudderChatbotSandboxCred',
	name: 'AIRudder Chatbot sandbox',
	type: 'airudderChatbotApi',
};
const CALLBACK_CREDENTIAL = {
	id: 'airudderCallbackHeaderCred',
	name: 'AIRudder Callback (header)',
	type: 'airudderCallbackApi',
};
/** Every example that starts with a Manual Trigger (the others are trigger workflows). */
const MANUAL_EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
	.filter((file) => file.endsWith('.json'))
	.filter((file) =>
		readFileSync(path.join(ROOT, 'examples', file), 'utf8').includes(
			'n8n-nodes-base.manualTrigger',
		),
	);
const SECURE_HOOK_ID = '2a7c9e10-4b3d-4f5e-8a6b-7c8d9e0f1a2b';

const example = (name: string) =>
	JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as WorkflowJson;

/** examples/task-create.json with the Create Task node's parameters changed. */
function taskFlow(id: string, change: INodeParameters): WorkflowJson {
	const flow = example('task-create.json');
	flow.id = id;
	flow.name = id;
	flow.nodes = flow.nodes.map((node: INode) =>
		node.name === 'Create Task' ? { ...node, parameters: { ...node.parameters, ...change } } : node,
	);
	return flow;
}

/** A list of 12,000 contacts (two tasks); items 7 and 11000 break the node's own rules. */
const BIG_LIST = 12_000;
/** ExtraA is a number for these items: only AIRudder (the sandbox) rejects that. */
const REMOTE_BAD = [9, 11_003];
const bigContactsCode = (localBad: boolean) =>
	`return Array.from({ length: ${BIG_LIST} }, (_, i) => ({ json: { Mobile: ${localBad} && i === 7 ? '12345' : '+62 812-' + String(i).padStart(7, '0'), Customer: 'C' + i, Platform: 'DemoLend', Comments: 'row-' + i, ...(${localBad} && i === 11000 ? { Gender: 'x' } : {}) } }));`;

/** Manual Trigger → 12,000 contacts → Create Task (Perform `perform`), without Get Task. */
function bigListFlow(
	id: string,
	perform: number,
	localBad: boolean,
	remoteBad: boolean,
): WorkflowJson {
	const flow = taskFlow(id, {
		taskName: `=${id}-{{ $now.toMillis() }}`,
		perform,
		...(remoteBad
			? {
					contactFields: {
						ExtraA: `={{ [${REMOTE_BAD.join(', ')}].includes($itemIndex) ? 7 : "a" }}`,
					},
				}
			: {}),
	});
	flow.nodes = flow.nodes
		.filter((node: INode) => node.name !== 'Get Task')
		.map((node: INode) =>
			node.name === 'Contacts'
				? { ...node, parameters: { ...node.parameters, jsCode: bigContactsCode(localBad) } }
				: node,
		);
	delete (flow.connections as IDataObject)['Create Task'];
	return flow;
}

/** The Create Task node's output items (json and pairing) of a run. */
function createdItems(result: RunResult): INodeExecutionData[] {
	return result.data.resultData.runData['Create Task']?.[0]?.data?.main[0] ?? [];
}

const secureHook: WorkflowJson = {
	id: 'airudderE2eSecure',
	name: 'secured trigger',
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: [
		{
			id: 'secure-1',
			name: 'AIRudder Trigger',
			type: 'n8n-nodes-airudder.airudderTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: SECURE_HOOK_ID,
			parameters: { options: { maxBodyKb: 1 } },
			credentials: {
				airudderCallbackApi: { id: CALLBACK_CREDENTIAL.id, name: CALLBACK_CREDENTIAL.name },
			},
		},
	],
};

describe('AIRudder nodes in a real n8n 2.41.1', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	const taskExample = example('task-create.json');
	const hookExample = example('callback-trigger.json');
	const hookUrl = () => n8n.webhookUrl(String(hookExample.nodes[0].webhookId), 'airudder');
	const secureUrl = () => n8n.webhookUrl(SECURE_HOOK_ID, 'airudder');
	const executionsOf = async (workflowId: string) =>
		Number(
			(
				await n8n.query<{ n: number }>(
					'select count(*) as n from execution_entity where workflowId = ?',
					workflowId,
				)
			)[0].n,
		);

	beforeAll(async () => {
		await ensureN8nRuntime(); // minutes on a cold machine, then cached
		sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
		n8n = new N8nInstance({ packageDir: ROOT });
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url } },
			{ ...CHATBOT_CREDENTIAL, data: { apiKey: DEFAULT_CHATBOT_API_KEY, baseUrl: sandbox.url } },
			{
				...CALLBACK_CREDENTIAL,
				data: { carriedIn: 'header', headerName: 'X-Callback-Secret', secretValue: 'letmein' },
			},
			// examples/pds-campaign.json
			{
				id: 'airudderPdsSandboxCred',
				name: 'AIRudder PDS sandbox',
				type: 'airudderPdsApi',
				data: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
			},
			qaSandboxCredential(sandbox.url),
		]);
		await n8n.importWorkflow([
			...MANUAL_EXAMPLES.filter((file) => file !== 'task-create.json').map(example),
			taskExample,
			hookExample,
			secureHook,
			taskFlow('airudderE2eBadMob', {
				mobile: '={{ $json.Customer === "Budi" ? "12345" : $json.Mobile }}',
				perform: 3,
			}),
			bigListFlow('e2eBigP1', 1, true, true),
			bigListFlow('e2eBigP2', 2, true, true),
			bigListFlow('e2eBigP3Local', 3, true, false),
			bigListFlow('e2eBigP3Remote', 3, false, true),
			bigListFlow('e2eBigP3Half', 3, false, false),
		]);
		await n8n.publishWorkflow(hookExample.id);
		await n8n.publishWorkflow(secureHook.id);
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	}, 60_000);

	test('the example creates ONE task for 3 contacts and reads it back, with one token for two executions', async () => {
		for (let run = 0; run < 2; run++) {
			const result = await n8n.execute(taskExample.id);
			expect(result.status).toBe('success');
			const created = nodeOutput(result, 'Create Task');
			expect(created).toHaveLength(3);
			expect(String(created[0].TaskID)).toMatch(/^[0-9a-f]{32}$/);
			expect(new Set(created.map((c) => c.TaskID)).size).toBe(1);
			expect(nodeOutput(result, 'Get Task')[0]).toMatchObject({
				TaskID: created[0].TaskID,
				Total: 3,
			});
		}
		const creates = sandbox.requests.filter((r) => r.path === '/service/cloud/v2/task');
		expect(creates).toHaveLength(2);
		expect(((creates[0].body as IDataObject).Details as unknown[]).length).toBe(3);
		// n8n stored the token with the credential (encrypted) after the first execution.
		expect(sandbox.tokensIssued).toBe(1);
	}, 120_000);

	test.each(MANUAL_EXAMPLES)(
		'examples/%s imports and executes against the sandbox',
		async (file) => {
			const flow = example(file);
			const result = await n8n.execute(flow.id);
			expect(result.data.resultData.error).toBeUndefined();
			expect(result.status).toBe('success');
			const last = flow.nodes[flow.nodes.length - 1].name;
			expect(nodeOutput(result, last).length).toBeGreaterThan(0);
		},
		120_000,
	);

	test('All or Nothing with an invalid contact fails naming the item and field; the sandbox receives no create request', async () => {
		sandbox.clearRequests();
		const result = await n8n.execute('airudderE2eBadMob');
		expect(result.status).toBe('error');
		expect(JSON.stringify(result.data.resultData.error)).toMatch(
			/No task created \(All or Nothing\): 1 of 3 contacts are invalid: item 1 \(Mobile: Mobile \\"12345\\" must be '\+'/,
		);
		expect(sandbox.requests).toHaveLength(0);
	}, 120_000);

	describe('a list of 12,000 contacts (two tasks) with invalid contacts in both batches', () => {
		const createRequests = () =>
			sandbox.requests
				.filter((r) => r.path === '/service/cloud/v2/task')
				.map((r) => {
					const body = r.body as IDataObject;
					return [
						String(body.TaskName).replace(/^.*-(\d)$/, '$1'),
						body.Perform,
						(body.Details as unknown[]).length,
					];
				});
		const tasksOf = (id: string) =>
			[...sandbox.tasks.values()]
				.filter((t) => t.TaskName.startsWith(`${id}-`))
				.sort((a, b) => a.TaskName.localeCompare(b.TaskName));
		const expectOnePerContact = (items: INodeExecutionData[]) => {
			expect(items).toHaveLength(BIG_LIST);
			expect(items.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
		};
		const rejected = (items: INodeExecutionData[]) =>
			items.flatMap((item, i) => (item.json.rejected ? [i] : []));
		beforeEach(() => sandbox.clearRequests());

		test('Skip and Report (Perform 1): two tasks with the valid contacts; each invalid one reported on its item', async () => {
			const result = await n8n.execute('e2eBigP1');
			expect(result.status).toBe('success');
			expect(createRequests()).toEqual([
				['1', 1, 9_999],
				['2', 1, 1_999],
			]);
			const [first, second] = tasksOf('e2eBigP1');
			expect([first.contacts.length, second.contacts.length]).toEqual([9_998, 1_998]);
			expect(first.contacts[0].Mobile).toBe('+628120000000');
			const items = createdItems(result);
			expectOnePerContact(items);
			expect(rejected(items)).toEqual([7, 9, 11_000, 11_003]);
			expect(items[7].json).toMatchObject({
				TaskID: first.TaskID,
				created: false,
				rejection: { field: 'Mobile', rejectedBy: 'node' },
			});
			expect(items[9].json.rejection).toMatchObject({
				msg: 'ExtraA must be a string',
				rejectedBy: 'AIRudder',
			});
			expect(items[11_000].json.rejection).toMatchObject({ field: 'Gender', rejectedBy: 'node' });
			expect(items[11_003].json).toMatchObject({ TaskID: second.TaskID, rejected: true });
			expect(items[11_999].json).toMatchObject({ TaskID: second.TaskID, created: true });
		}, 180_000);

		test('Only Check (Perform 2): both batches checked, all four invalid contacts reported, nothing created', async () => {
			const result = await n8n.execute('e2eBigP2');
			expect(result.status).toBe('success');
			expect(createRequests()).toEqual([
				['1', 2, 9_999],
				['2', 2, 1_999],
			]);
			expect(tasksOf('e2eBigP2')).toHaveLength(0);
			const items = createdItems(result);
			expectOnePerContact(items);
			expect(rejected(items)).toEqual([7, 9, 11_000, 11_003]);
			expect(items.every((item) => item.json.created === false)).toBe(true);
		}, 180_000);

		test("All or Nothing (Perform 3): invalid contacts (the node's or AIRudder's) in either batch create nothing", async () => {
			const local = await n8n.execute('e2eBigP3Local');
			expect(local.status).toBe('error');
			expect(local.data.resultData.error?.message).toMatch(
				/^No task created \(All or Nothing\): 2 of 12000 contacts are invalid: item 7 \(Mobile: .*\), item 11000 \(Gender: /,
			);
			expect(createRequests()).toEqual([]);

			const remote = await n8n.execute('e2eBigP3Remote');
			expect(remote.status).toBe('error');
			expect(remote.data.resultData.error?.message).toMatch(
				/^No task created \(All or Nothing\): 2 of 12000 contacts are invalid: item 9 \(Details\[9\]: ExtraA must be a string\), item 11003 \(Details\[1003\]: /,
			);
			expect(createRequests()).toEqual([
				['1', 2, 10_000],
				['2', 2, 2_000],
			]);
			expect(tasksOf('e2eBigP3Local')).toHaveLength(0);
			expect(tasksOf('e2eBigP3Remote')).toHaveLength(0);
		}, 240_000);

		test('All or Nothing: when the second creation fails after the first succeeded, the error names the task that exists', async () => {
			sandbox.setFault({
				method: 'POST',
				path: '/service/cloud/v2/task',
				after: 3, // the two checks and the first creation
				body: JSON.stringify({ code: 500, status: 'internal error', data: {} }),
			});
			const result = await n8n.execute('e2eBigP3Half');
			expect(result.status).toBe('error');
			const [first, ...others] = tasksOf('e2eBigP3Half');
			expect(others).toHaveLength(0);
			expect(first.contacts).toHaveLength(10_000);
			expect(result.data.resultData.error?.message).toMatch(
				new RegExp(
					`^Only 1 of 2 tasks created: "e2eBigP3Half-\\d+-1" \\(TaskID ${first.TaskID}, items 0–9999\\) exist; creating "e2eBigP3Half-\\d+-2" failed`,
				),
			);
		}, 180_000);
	});

	describe('with the n8n server running', () => {
		beforeAll(async () => {
			await n8n.start();
			await n8n.login();
		}, 180_000);

		test('the credential test exchanges the key pair and reports a wrong one clearly', async () => {
			const test = (data: IDataObject) =>
				n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', {
					credentials: { ...CREDENTIAL, data },
				});
			const good = await test({ appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url });
			expect(good.data.status).toBe('OK');
			const bad = await test({
				appKey: APP_KEY,
				appSecret: 'not-the-secret-9Q7',
				baseUrl: sandbox.url,
			});
			expect(bad.data.status).toBe('Error');
			expect(bad.data.message).toMatch(
				/AIRudder refused the APPKey\/APPSecret: .*\(HTTP 401 at \/service\/cloud\/auth\)/,
			);
			expect(bad.data.message).not.toContain('not-the-secret-9Q7');
		}, 60_000);

		test('the Chatbot credential test reads the message list and refuses a wrong key', async () => {
			const test = (apiKey: string) =>
				n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', {
					credentials: { ...CHATBOT_CREDENTIAL, data: { apiKey, baseUrl: sandbox.url } },
				});
			sandbox.clearRequests();
			expect((await test(DEFAULT_CHATBOT_API_KEY)).data.status).toBe('OK');
			const bad = await test('wrong-key-7Zq');
			expect(bad.data.status).toBe('Error');
			expect(bad.data.message).not.toContain('wrong-key-7Zq');
			const sent = new Set(sandbox.requests.map((r) => `${r.method} ${r.path}`));
			expect([...sent]).toEqual(['POST /api/v1/session/messages']);
		}, 60_000);

		test('the trigger answers 200 {} as JSON and emits the callback as one item', async () => {
			const answer = await sandbox.fireCallback(hookUrl(), 'workflowWabaMessageStatusChanged');
			expect(answer).toEqual({ status: 200, body: '{}' });
			const row = await n8n.waitForExecution(
				(r) => r.workflowId === hookExample.id && r.finished === 1,
			);
			const [item] = nodeOutput(await n8n.executionRun(row.id), 'AIRudder Trigger');
			expect(item).toMatchObject({
				status: 'delivery',
				waba_template_id: 288,
				_event: 'workflowWabaMessageStatusChanged',
			});
		}, 60_000);

		test('malformed, wrong-secret and oversized posts get their 4xx and start no execution', async () => {
			const before = await executionsOf(secureHook.id);
			const post = (body: string, headers: Record<string, string> = {}) =>
				got.post(secureUrl(), {
					body,
					headers: { 'content-type': 'application/json', ...headers },
					throwHttpErrors: false,
					retry: { limit: 0 },
				});
			expect((await post('{"a":1}')).statusCode).toBe(401);
			expect((await post('{"a":1}', { 'X-Callback-Secret': 'nope' })).statusCode).toBe(401);
			expect(
				(await post('{not json', { 'X-Callback-Secret': 'letmein' })).statusCode,
			).toBeGreaterThanOrEqual(400);
			expect((await post('{not json', { 'X-Callback-Secret': 'letmein' })).statusCode).toBeLessThan(
				500,
			);
			expect(
				(await post(JSON.stringify({ pad: 'x'.repeat(2048) }), { 'X-Callback-Secret': 'letmein' }))
					.statusCode,
			).toBe(413);
			const ok = await post('{"workflow_id":"w1"}', { 'X-Callback-Secret': 'letmein' });
			expect([ok.statusCode, ok.body]).toEqual([200, '{}']);
			await n8n.waitForExecution((r) => r.workflowId === secureHook.id);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect((await executionsOf(secureHook.id)) - before).toBe(1);
		}, 60_000);

		test('1,000 concurrent callbacks make exactly 1,000 executions', async () => {
			const before = await executionsOf(hookExample.id);
			const total = 1000;
			const concurrency = 50;
			let next = 0;
			const statuses: number[] = [];
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					while (next < total) {
						const i = next++;
						const res = await got.post(hookUrl(), {
							json: { workflow_id: `wf-${i}`, seq: i },
							throwHttpErrors: false,
							retry: { limit: 0 },
						});
						statuses.push(res.statusCode);
					}
				}),
			);
			expect(statuses.filter((s) => s === 200)).toHaveLength(total);
			const deadline = Date.now() + 180_000;
			while ((await executionsOf(hookExample.id)) - before < total && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
			expect((await executionsOf(hookExample.id)) - before).toBe(total);
		}, 300_000);
	});
});
