/**
 * The AIRudder Trigger's QA report callback in a REAL n8n, 2.41.1 and 1.123.81, installed the way a
 * manual community-node install does it: the QA part of examples/qa-negative-words.json (QA Reports
 * → If → Slack, disabled) published, signed QA reports posted to its Production URL on 127.0.0.1
 * as AIRudder would post them, and the executions' items read back from n8n's database. A wrong or
 * missing Sign is answered 400 and starts no execution; with an AIRudder Callback credential, its
 * QA Sign Key and shared secret apply.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import got from 'got';
import type { IDataObject, INode } from 'n8n-workflow';

import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import { qaSign } from '../../nodes/Airudder/trigger/verifyQaSign';
import {
	ensureN8nRuntime,
	N8N_VERSIONS,
	N8nInstance,
	nodeOutput,
	type N8nLine,
	type WorkflowJson,
} from '../support/n8n';
import { signedQaReport } from '../support/qa';

const ROOT = path.resolve(__dirname, '../..');
const TRIGGER_TYPE = 'n8n-nodes-airudder.airudderTrigger';
const SUCCESS = { success: true, data: { message: 'Success Store Recording Report' }, errors: [] };
const BAD_SIGN = { success: false, data: null, errors: ['Invalid authentication credentials'] };
const SECURED_HOOK_ID = '3c5e7a90-1b2d-4f3e-9a4b-5c6d7e8f9a0b';
const CALLBACK_CREDENTIAL = {
	id: 'airudderQaCallbackCred',
	name: 'AIRudder Callback (QA)',
	type: 'airudderCallbackApi',
	data: { carriedIn: 'query', secretValue: 'qa-secret-1', qaSignKey: 'per-customer-key' },
};

/** The example's trigger part: its QA Reports trigger and every node after it. */
function qaExample(): WorkflowJson {
	const flow = JSON.parse(
		readFileSync(path.join(ROOT, 'examples', 'qa-negative-words.json'), 'utf8'),
	) as WorkflowJson;
	expect(flow.nodes.find((n: INode) => n.name === 'QA Reports')?.type).toBe(TRIGGER_TYPE);
	return flow;
}

/** The QA Reports trigger alone, with the AIRudder Callback credential. */
const securedFlow: WorkflowJson = {
	id: 'airudderE2eQaSecured',
	name: 'QA trigger with a callback credential',
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: [
		{
			id: 'qa-secured-1',
			name: 'QA Reports',
			type: TRIGGER_TYPE,
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: SECURED_HOOK_ID,
			parameters: { events: [QA_REPORT_EVENT], includeUnknown: false },
			credentials: {
				airudderCallbackApi: { id: CALLBACK_CREDENTIAL.id, name: CALLBACK_CREDENTIAL.name },
			},
		},
	],
};

describe.each([2, 1] as N8nLine[])('QA report callbacks in a real n8n (line %i)', (line) => {
	let n8n: N8nInstance;
	const flow = qaExample();
	const trigger = flow.nodes.find((n: INode) => n.name === 'QA Reports')!;
	const post = (url: string, body: IDataObject) =>
		got.post(url, { json: body, throwHttpErrors: false, retry: { limit: 0 } });
	const executionsOf = async (workflowId: string) =>
		(await n8n.executions()).filter((row) => row.workflowId === workflowId);
	/** Waits for `count` finished executions of the workflow and returns their runs, oldest first. */
	const runs = async (workflowId: string, count: number) => {
		const deadline = Date.now() + 60_000;
		let rows = await executionsOf(workflowId);
		while (
			(rows.length < count || rows.some((r) => r.status === 'new' || r.status === 'running')) &&
			Date.now() < deadline
		) {
			await new Promise((resolve) => setTimeout(resolve, 300));
			rows = await executionsOf(workflowId);
		}
		expect(rows).toHaveLength(count);
		return await Promise.all(rows.map(async (row) => await n8n.executionRun(row.id)));
	};

	beforeAll(async () => {
		await ensureN8nRuntime(line);
		n8n = new N8nInstance({ packageDir: ROOT, line });
		await n8n.importCredentials([CALLBACK_CREDENTIAL]);
		await n8n.importWorkflow([flow, securedFlow]);
		await n8n.publishWorkflow(flow.id);
		await n8n.publishWorkflow(securedFlow.id);
		await n8n.start();
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
	}, 60_000);

	test(`n8n ${N8N_VERSIONS[line]}: signed reports start the example, one item per recording; the If passes the one over the threshold`, async () => {
		const url = n8n.webhookUrl(String(trigger.webhookId), 'airudder');
		const below = await post(url, signedQaReport('task_123', '0/4'));
		expect([below.statusCode, JSON.parse(below.body)]).toEqual([200, SUCCESS]);
		expect(below.headers['content-type']).toMatch(/^application\/json/);
		const [first] = await runs(flow.id, 1);
		const over = await post(url, signedQaReport('task_456', '3/4'));
		expect([over.statusCode, JSON.parse(over.body)]).toEqual([200, SUCCESS]);
		const [, second] = await runs(flow.id, 2);

		expect(first.status).toBe('success');
		const [item] = nodeOutput(first, 'QA Reports');
		expect(nodeOutput(first, 'QA Reports')).toHaveLength(1);
		expect(item).toMatchObject({
			TaskID: 'task_123',
			recordingId: '12336',
			recordingIndex: 0,
			Length: '83',
			transcript: {
				channel1: { text: 'Selamat pagi\nSelamat siang' },
				channel2: {
					text: 'Selamat malam Negative',
					lines: [{ Begin: '23000', beginMs: 23000, endMs: 30000 }],
				},
			},
			checkpoints: { Negative: [{ CheckPointVal: 'True', Channel: '2' }] },
			scores: {
				Negative: { channel1: { Score: '1/4', value: 1, max: 4 }, channel2: { value: 0 } },
				SOP: { channel2: { Score: '1/1', value: 1, max: 1 } },
			},
			_event: QA_REPORT_EVENT,
		});
		expect(item).not.toHaveProperty('Sign');
		expect(nodeOutput(first, 'Negative Words Over Threshold', 0)).toHaveLength(0);
		expect(nodeOutput(first, 'Negative Words Over Threshold', 1)).toHaveLength(1);

		expect(second.status).toBe('success');
		const passed = nodeOutput(second, 'Negative Words Over Threshold', 0);
		expect(passed).toHaveLength(1);
		expect(passed[0]).toMatchObject({
			TaskID: 'task_456',
			scores: { Negative: { channel2: { Score: '3/4', value: 3, max: 4 } } },
		});
		// the Slack node is disabled: n8n passes the item through
		expect(nodeOutput(second, 'Alert on Slack')).toEqual(passed);
	}, 180_000);

	test(`n8n ${N8N_VERSIONS[line]}: a wrong or missing Sign is answered 400 and starts no execution`, async () => {
		const url = n8n.webhookUrl(String(trigger.webhookId), 'airudder');
		const before = (await executionsOf(flow.id)).length;
		const wrong = await post(url, {
			...signedQaReport('task_789', '5/4'),
			Sign: qaSign('task_788', 'airudder'),
		});
		expect([wrong.statusCode, JSON.parse(wrong.body)]).toEqual([400, BAD_SIGN]);
		const { Sign: _dropped, ...unsigned } = signedQaReport('task_789', '5/4');
		const missing = await post(url, unsigned);
		expect([missing.statusCode, JSON.parse(missing.body)]).toEqual([400, BAD_SIGN]);
		const otherKey = await post(url, signedQaReport('task_789', '5/4', 'per-customer-key'));
		expect(otherKey.statusCode).toBe(400);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executionsOf(flow.id)).toHaveLength(before);
	}, 60_000);

	test(`n8n ${N8N_VERSIONS[line]}: with a callback credential, its shared secret and QA Sign Key both apply`, async () => {
		const url = n8n.webhookUrl(SECURED_HOOK_ID, 'airudder');
		const signed = signedQaReport('task_900', '1/4', 'per-customer-key');
		expect((await post(url, signed)).statusCode).toBe(401); // no secret
		const defaultKey = await post(`${url}?secret=qa-secret-1`, signedQaReport('task_900', '1/4'));
		expect([defaultKey.statusCode, JSON.parse(defaultKey.body)]).toEqual([400, BAD_SIGN]);
		const ok = await post(`${url}?secret=qa-secret-1`, signed);
		expect([ok.statusCode, JSON.parse(ok.body)]).toEqual([200, SUCCESS]);
		const [run] = await runs(securedFlow.id, 1);
		expect(nodeOutput(run, 'QA Reports')).toEqual([
			expect.objectContaining({ TaskID: 'task_900', recordingId: '12336' }),
		]);
	}, 60_000);
});
