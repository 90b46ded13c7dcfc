/**
 * The AIRudder Predictive Dialer in a REAL n8n 2.41.1 against the sandbox over real HTTP on
 * 127.0.0.1: examples/pds-campaign.json creates a task whose callback URL is the workflow's own
 * AIRudder Trigger; the sandbox dials it and the TaskStatus / ContactStatus / AgentStatus callbacks
 * arrive at the trigger, one execution each. Also the PDS credential test, and a recording link
 * that redirects to a storage host (followed by hand, the token only on the Base URL's origin).
 * Task → Create → Wait for Completion end to end (the sandbox dials each contact for 200 ms), and
 * the example's trigger (three PDS events chosen) starting no execution for an unrecognised callback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { PDS_APP_KEY, PDS_APP_SECRET } from '../../sandbox/pds';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { server } from '../support/hostile';
import { ensureN8nRuntime, N8nInstance, nodeOutput, type WorkflowJson } from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const CREDENTIAL = {
	id: 'airudderPdsSandboxCred',
	name: 'AIRudder PDS sandbox',
	type: 'airudderPdsApi',
};
const PREFIX = '/service/callcenter/call/predict';
/** The Manual Trigger that starts the test workflows. */
const start = (id: string): INode => ({
	id,
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});
/** Manual Trigger → Call → Get Recording of one call ID (the recording test). */
const RECORDING_FLOW: WorkflowJson = {
	id: 'pdsRecordingRedirect',
	name: 'pdsRecordingRedirect',
	settings: { executionOrder: 'v1' },
	nodes: [
		start('pds-rec-start'),
		{
			id: 'pds-rec-get',
			name: 'Get Recording',
			type: 'n8n-nodes-airudder.airudderPredictiveDialer',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'call', operation: 'getRecording', callId: 'call-redirected' },
			credentials: { airudderPdsApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
	],
	connections: { Start: { main: [[{ node: 'Get Recording', type: 'main', index: 0 }]] } },
};

/** Manual Trigger → Contacts (Code) → Task → Create with Wait for Completion (no callback URL). */
const WAIT_FLOW: WorkflowJson = {
	id: 'pdsCreateAndWait',
	name: 'pdsCreateAndWait',
	settings: { executionOrder: 'v1' },
	nodes: [
		start('pds-wait-start'),
		{
			id: 'pds-wait-contacts',
			name: 'Contacts',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: {
				jsCode:
					"return [\n  { json: { phonenumber: '+6281234567901', account_id: 'W-1' } },\n  { json: { phonenumber: '+6281234567910', account_id: 'W-2' } },\n];",
			},
		},
		{
			id: 'pds-wait-create',
			name: 'Create and Wait',
			type: 'n8n-nodes-airudder.airudderPredictiveDialer',
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				resource: 'task',
				operation: 'create',
				taskName: "=wait_{{ $now.toFormat('yyyyLLdd_HHmmssSSS') }}",
				groupName: 'Group_Sandbox',
				startTime: '={{ $now.toISO() }}',
				autoEndTime:
					"={{ DateTime.min($now.plus({ minutes: 30 }), $now.setZone('Asia/Manila').endOf('day')).toISO() }}",
				accountTimeZone: 'Asia/Manila',
				waitForCompletion: true,
				pollInterval: 1,
				maxWait: 1,
			},
			credentials: { airudderPdsApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
		Contacts: { main: [[{ node: 'Create and Wait', type: 'main', index: 0 }]] },
	},
};

describe('AIRudder Predictive Dialer in a real n8n 2.41.1', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	const flow = JSON.parse(
		readFileSync(path.join(ROOT, 'examples', 'pds-campaign.json'), 'utf8'),
	) as WorkflowJson;
	const trigger = flow.nodes.find((node: INode) => node.name === 'PDS Callbacks') as INode;
	const callbacksOf = async () =>
		(await n8n.executions()).filter((row) => row.workflowId === flow.id && row.mode === 'webhook');

	beforeAll(async () => {
		await ensureN8nRuntime();
		// each call lasts 200 ms: a waited-for task is Running for a while before it is Finished
		sandbox = await startSandbox({ callbackDelayMs: 20, pdsCallMs: 200 });
		n8n = new N8nInstance({ packageDir: ROOT });
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				data: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
			},
		]);
		// The example's Callback URL is the trigger's Production URL on a default n8n; here n8n has its own port.
		const callback = n8n.webhookUrl(String(trigger.webhookId), 'airudder');
		flow.nodes = flow.nodes.map((node: INode) =>
			node.name === 'Create Task'
				? { ...node, parameters: { ...node.parameters, callback } }
				: node,
		);
		await n8n.importWorkflow(flow);
		await n8n.importWorkflow(RECORDING_FLOW);
		await n8n.importWorkflow(WAIT_FLOW);
		await n8n.publishWorkflow(String(flow.id));
		await n8n.start();
		await n8n.login();
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	}, 60_000);

	test('the campaign creates one task for 3 contacts and its status callbacks start the trigger', async () => {
		const result = await n8n.execute(String(flow.id));
		expect(result.data.resultData.error).toBeUndefined();
		const created = nodeOutput(result, 'Create Task');
		expect(created.map((c) => [c.phonenumber, c.rejected])).toEqual([
			['+6281234567801', false],
			['+6281234567802', false],
			['+6281234567810', false],
		]);
		const taskId = String(created[0].taskId);
		const [create] = sandbox.requests.filter((r) => r.path === `${PREFIX}/createtask`);
		const body = create.body as IDataObject;
		expect(Buffer.from(String(body.callback), 'base64').toString('utf8')).toBe(
			n8n.webhookUrl(String(trigger.webhookId), 'airudder'),
		);
		expect((body.customizeContacts as IDataObject[])[0]).toEqual({
			phonenumber: '+6281234567801',
			account_id: 'A-1001',
			nama_customer: 'Ayu',
			dpd: '5',
		});

		// Running, 2 answered contacts × (CALLING, ANSWERED, TALKRESULT, HANGUP), 1 unanswered
		// × (CALLING, RINGING, HANGUP), Finished: 13 callbacks, 13 executions.
		const deadline = Date.now() + 60_000;
		let rows = await callbacksOf();
		while (
			(rows.length < 13 || rows.some((r) => r.status === 'new' || r.status === 'running')) &&
			Date.now() < deadline
		) {
			await new Promise((resolve) => setTimeout(resolve, 300));
			rows = await callbacksOf();
		}
		expect(rows).toHaveLength(13);
		expect(rows.every((row) => row.status === 'success')).toBe(true);
		const items = await Promise.all(
			rows.map(async (row) => nodeOutput(await n8n.executionRun(row.id), 'PDS Callbacks')[0]),
		);
		const events = items.map((item) => item._event);
		expect(events.filter((e) => e === 'workflowPdsTaskStatusChanged')).toHaveLength(2);
		expect(events.filter((e) => e === 'workflowPdsAgentStatusChanged')).toHaveLength(2);
		expect(events.filter((e) => e === 'workflowPdsContactStatusChanged')).toHaveLength(9);
		const agent = items.find((item) => item.type === 'AgentStatus')!;
		const inner = agent.body as IDataObject;
		expect(inner).toMatchObject({ taskId, State: 'TALKRESULT', agentName: expect.any(String) });
		expect(inner.timestampIso).toBe(new Date(Number(inner.timestamp)).toISOString());
		// the filter of the example keeps the talk results only
		const talk = await Promise.all(
			rows.map(async (row) => {
				const run = await n8n.executionRun(row.id);
				return run.data.resultData.runData['Talk Results']?.[0]?.data?.main[0]?.length ?? 0;
			}),
		);
		expect(talk.reduce((a, b) => a + b, 0)).toBe(2);
	}, 180_000);

	test('the example trigger (three PDS events chosen) answers an unrecognised callback 200 {} and starts no execution', async () => {
		const url = n8n.webhookUrl(String(trigger.webhookId), 'airudder');
		const settled = async () => {
			let rows = await callbacksOf();
			while (rows.some((r) => r.status === 'new' || r.status === 'running')) {
				await new Promise((resolve) => setTimeout(resolve, 200));
				rows = await callbacksOf();
			}
			return rows.length;
		};
		const before = await settled();
		// an undocumented voice callback (its payload AIRudder does not document)
		const unknown = await sandbox.fireCallback(url, 'collectionTaskFinished');
		expect(unknown).toEqual({ status: 200, body: '{}' });
		// then a PDS task callback, which does start the workflow
		const known = await sandbox.fireCallback(url, 'workflowPdsTaskStatusChanged');
		expect(known).toEqual({ status: 200, body: '{}' });
		const deadline = Date.now() + 20_000;
		while ((await settled()) === before && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 200));
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const rows = await callbacksOf();
		expect(rows.length - before).toBe(1);
		const newest = rows.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
		const [item] = nodeOutput(await n8n.executionRun(newest.id), 'PDS Callbacks');
		expect(item._event).toBe('workflowPdsTaskStatusChanged');
	}, 60_000);

	test('Task → Create → Wait for Completion polls until the task is Finished and outputs each contact with its call records', async () => {
		sandbox.clearRequests();
		const result = await n8n.execute(WAIT_FLOW.id);
		expect(result.data.resultData.error).toBeUndefined();
		const out = nodeOutput(result, 'Create and Wait');
		expect(out).toHaveLength(2);
		expect(out.map((c) => [c.phonenumber, c.taskState, c.timedOut])).toEqual([
			['+6281234567901', 'Finished', false],
			['+6281234567910', 'Finished', false],
		]);
		const [answered, silent] = out.map((c) => c.calls as IDataObject[]);
		expect(answered).toEqual([
			expect.objectContaining({ mainNumber: '+6281234567901', callResultType: 'Connected' }),
		]);
		expect(silent).toEqual([
			expect.objectContaining({ mainNumber: '+6281234567910', callResultType: 'NotConnected' }),
		]);
		const polls = sandbox.requests
			.filter((r) => r.path === `${PREFIX}/querytasklist`)
			.map((r) => r.body as IDataObject);
		// Running at the first check (2 requests: Finished, Cancelled), Finished at a later one
		expect(polls.length).toBeGreaterThanOrEqual(3);
		expect(polls.map((p) => p.state)).toEqual(expect.arrayContaining(['Finished', 'Cancelled']));
		expect(polls.every((p) => p.taskName === out[0].taskName)).toBe(true);
		expect(sandbox.requests.filter((r) => r.path === `${PREFIX}/querytaskdetail`)).toHaveLength(1);
	}, 120_000);

	test('Call → Get Recording follows a link that redirects to storage: the file arrives, the storage host never sees the token', async () => {
		const storage = await server((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'audio/wav' });
			res.end(Buffer.from('RIFF\0\0\0\0WAVEstored'));
		});
		try {
			const media = '/__sandbox/media/pds-call-redirected.wav';
			sandbox.setFault({
				method: 'POST',
				path: `${PREFIX}/case/recording`,
				body: JSON.stringify({
					code: 0,
					status: 'success',
					body: { link: `${sandbox.url}${media}` },
				}),
			});
			sandbox.setFault({
				method: 'GET',
				path: media,
				status: 302,
				headers: { Location: `${storage.url}/bucket/rec.wav?sig=1` },
			});
			const result = await n8n.execute(RECORDING_FLOW.id);
			expect(result.data.resultData.error).toBeUndefined();
			const [item] = result.data.resultData.runData['Get Recording'][0].data!.main[0]!;
			expect(item.json).toMatchObject({
				callId: 'call-redirected',
				link: `${sandbox.url}${media}`,
			});
			expect(item.binary?.data).toMatchObject({ mimeType: 'audio/wav' });
			const hop = sandbox.requests.filter((r) => r.path === media);
			expect(hop).toHaveLength(1);
			expect(hop[0].headers.authorization).toMatch(/^Token \S+/);
			expect(storage.seen.map((r) => r.url)).toEqual(['/bucket/rec.wav?sig=1']);
			expect(storage.seen[0].headers.authorization).toBeUndefined();
		} finally {
			await storage.close();
		}
	}, 120_000);

	test('the credential test signs in form-encoded and reports a wrong secret without showing it', async () => {
		const test = (data: IDataObject) =>
			n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', {
				credentials: { ...CREDENTIAL, data },
			});
		const good = await test({
			appKey: PDS_APP_KEY,
			appSecret: PDS_APP_SECRET,
			baseUrl: sandbox.url,
		});
		expect(good.data).toMatchObject({ status: 'OK' });
		const bad = await test({
			appKey: PDS_APP_KEY,
			appSecret: 'not-the-pds-secret-7',
			baseUrl: sandbox.url,
		});
		expect(bad.data.status).toBe('Error');
		expect(bad.data.message).toMatch(
			/AIRudder PDS refused the APPKey\/APPSecret: 10302 Account verification failed \(HTTP 401 at /,
		);
		expect(bad.data.message).not.toContain('not-the-pds-secret-7');
	}, 60_000);
});
