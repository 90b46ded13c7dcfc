import { statSync } from 'node:fs';

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { aesSignature } from '../../nodes/Airudder/helpers/aes';
import {
	airudderWorkflow,
	contacts,
	startAirudder,
	taskCreateParameters,
} from '../support/airudder';

type Setup = Awaited<ReturnType<typeof startAirudder>>;

async function createTask(env: Setup, n = 2): Promise<string> {
	const result = await env.harness.run(airudderWorkflow(taskCreateParameters(), contacts(n)));
	return result.output('AIRudder')[0].json.TaskID as string;
}

describe('AIRudder node: recordings, workflows, SMS, custom calls, errors, retries', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startAirudder({ recordingBytes: 5 * 1024 * 1024 });
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
	const calls = () => env.sandbox.requests.filter((r) => r.path !== '/service/cloud/auth');

	test('Recording → Get Call Recording returns the link and the audio as binary (streamed to disk)', async () => {
		const taskId = await createTask(env);
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getCallRecording',
				taskId,
				callee: '+628120000001',
			}),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.output('AIRudder');
		expect(item.json).toMatchObject({ TaskID: taskId, Callee: '+628120000001' });
		expect((item.json.urls as string[])[0]).toMatch(/\/__sandbox\/media\/.+\.wav/);
		expect(item.binary?.data).toMatchObject({
			mimeType: 'audio/wav',
			fileName: expect.stringMatching(/\.wav$/),
		});
		const audio = await env.harness.readBinary(item);
		expect(audio.length).toBe(5 * 1024 * 1024);
		expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(statSync((await env.harness.binaryFilePath(item)) as string).size).toBe(5 * 1024 * 1024);
		expect(calls().map((r) => [r.path, r.query])).toContainEqual([
			'/service/cloud/case',
			{ TaskID: taskId, Callee: '+628120000001' },
		]);
	});

	test('Recording → Get Task Recordings returns the archive as binary; Download off returns links only', async () => {
		const taskId = await createTask(env);
		const withFile = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getTaskRecordings',
				taskId,
				binaryPropertyName: 'archive',
			}),
		);
		const [item] = withFile.output('AIRudder');
		const zip = await env.harness.readBinary(item, 'archive');
		expect(zip.subarray(0, 2).toString('ascii')).toBe('PK');

		const linksOnly = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getTaskRecordings',
				taskId,
				download: false,
			}),
		);
		const [links] = linksOnly.output('AIRudder');
		expect(links.binary).toBeUndefined();
		expect((links.json.urls as string[])[0]).toMatch(/\.zip$/);
	});

	test('Workflow → Create sends template, name, end_time with offset and the items as details', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'workflow',
					operation: 'create',
					workflowTemplateId: 1024,
					name: 'collection_batch1',
					endTime: '2026-12-01T20:00:00+08:00',
					accountTimeZone: 'Asia/Manila',
					contactSource: 'item',
					additionalFields: { auto_finish: 2 },
				},
				[
					{ callee_number: '+6281', case_id: 'A1' },
					{ callee_number: '+6282', case_id: 'A2' },
				],
			),
		);
		expect(result.error).toBeUndefined();
		const [create] = calls();
		expect(create.path).toBe('/service/cloud/workflow/createinstance');
		expect(create.body).toEqual({
			workflow_template_id: 1024,
			name: 'collection_batch1',
			end_time: '2026-12-01 20:00:00+08:00',
			auto_finish: 2,
			details: [
				{ callee_number: '+6281', case_id: 'A1' },
				{ callee_number: '+6282', case_id: 'A2' },
			],
		});
		const [out] = result.output('AIRudder');
		expect(out.json).toMatchObject({ name: 'collection_batch1', contactsSent: 2, requests: 1 });
		expect(env.sandbox.workflows.has(out.json.workflow_id as string)).toBe(true);
		expect(out.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Workflow → Create above 10,000 contacts sends the rest with uploaddetails; Add Contacts batches too', async () => {
		const many = Array.from({ length: 10_005 }, (_, i) => ({ callee_number: `+62${i}` }));
		const created = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'workflow',
					operation: 'create',
					workflowTemplateId: 7,
					name: 'big',
					endTime: '2026-12-01T20:00:00Z',
					contactSource: 'item',
				},
				many,
			),
		);
		const workflowId = created.output('AIRudder')[0].json.workflow_id as string;
		expect(
			calls().map((r) => [r.path, ((r.body as IDataObject).details as unknown[]).length]),
		).toEqual([
			['/service/cloud/workflow/createinstance', 10_000],
			['/service/cloud/workflow/uploaddetails', 5],
		]);
		env.sandbox.clearRequests();
		const added = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'workflow',
					operation: 'addContacts',
					workflowId,
					contactSource: 'fields',
					contactFields: { field: [{ name: 'callee_number', value: '={{ $json.n }}' }] },
				},
				[{ n: '+6291' }, { n: '+6292' }],
			),
		);
		expect(added.output('AIRudder')[0].json).toMatchObject({
			workflow_id: workflowId,
			contactsSent: 2,
			requests: 1,
		});
		expect(calls()[0].body).toEqual({
			workflow_id: workflowId,
			details: [{ callee_number: '+6291' }, { callee_number: '+6292' }],
		});
	}, 60_000);

	test('Workflow → Verify Custom API Push, Find by Contact and Get Outbound Task Details reach their paths', async () => {
		const created = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'create',
				workflowTemplateId: 9,
				name: 'wf',
				endTime: '2026-12-01T20:00:00Z',
				contactSource: 'none',
			}),
		);
		const workflowId = created.output('AIRudder')[0].json.workflow_id as string;
		const verify = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'verifyCustomApiPush',
				workflowId,
				nodeId: 'n1',
				callee: '+6281',
				caseId: 'c1',
			}),
		);
		expect(verify.error).toBeUndefined();
		const find = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'findByContact',
				callee: '+6281',
				startTime: '2026-11-01T00:00:00Z',
				endTime: '2026-11-02T00:00:00Z',
				accountTimeZone: 'Asia/Jakarta',
			}),
		);
		expect(find.error).toBeUndefined();
		const detail = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'getTaskDetail',
				body: JSON.stringify({ workflow_id: workflowId }),
			}),
		);
		expect(detail.error).toBeUndefined();
		const bodies = Object.fromEntries(calls().map((r) => [r.path, r.body]));
		expect(bodies['/service/cloud/workflow/apinoticeinfo']).toEqual({
			workflow_id: workflowId,
			node_id: 'n1',
			callee: '+6281',
			case_id: 'c1',
		});
		expect(bodies['/service/cloud/workflow/detailinstances']).toEqual({
			callee: '+6281',
			start_time: '2026-11-01 07:00:00+07:00',
			end_time: '2026-11-02 07:00:00+07:00',
		});
		expect(bodies['/service/cloud/workflow/taskdetail']).toEqual({ workflow_id: workflowId });
	});

	test('Workflow → Create refuses a missing end time before sending anything', async () => {
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'create',
				workflowTemplateId: 9,
				name: 'wf',
				endTime: '={{ "" }}',
			}),
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Item 0: End Time is required');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('SMS → Send succeeds on code 0 (not 200)', async () => {
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'sms',
				operation: 'send',
				to: '+6281234',
				message: 'Hello',
				from: 'ACME',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('AIRudder')[0].json.code).toBe(0);
		expect(calls()[0].body).toEqual({ to: ['+6281234'], message: 'Hello', from: 'ACME' });
	});

	test('Custom API Call sends any path with the token; a wrong success code is an error', async () => {
		const taskId = await createTask(env);
		env.sandbox.clearRequests();
		const get = await env.harness.run(
			airudderWorkflow({
				resource: 'custom',
				operation: 'apiCall',
				method: 'GET',
				path: '/service/cloud/detail',
				query: { parameter: [{ name: 'TaskID', value: taskId }] },
			}),
		);
		expect(get.output('AIRudder')[0].json.code).toBe(200);
		expect(calls()[0]).toMatchObject({ path: '/service/cloud/detail', query: { TaskID: taskId } });
		expect(calls()[0].headers.authorization).toMatch(/^Token /);

		const wrong = await env.harness.run(
			airudderWorkflow({
				resource: 'custom',
				operation: 'apiCall',
				method: 'POST',
				path: '/service/sms/message/v2/send',
				body: '{"to":["+62"]}',
				successCode: 200,
			}),
		);
		expect(wrong.error).toBeInstanceOf(NodeApiError);
		expect(wrong.error?.message).toMatch(/with code 0/);
	});

	test('Custom API Call refuses a path without "/" or with a query string before sending', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				{ resource: 'custom', operation: 'apiCall', method: 'GET', path: '={{ $json.path }}' },
				[
					{ path: 'service/cloud/detail' },
					{ path: '/service/cloud/detail?TaskID=1' },
					{ path: '//evil/x' },
				],
				{ continueOnFail: true },
			),
		);
		const message = (i: number) =>
			`Item ${i}: Path must start with "/" and hold no query string (use Query Parameters)`;
		expect(result.output('AIRudder').map((item) => item.json.error)).toEqual([
			message(0),
			message(1),
			message(2),
		]);
		expect(calls()).toHaveLength(0);
	});

	test('HTML and truncated JSON answers become NodeApiErrors with a short excerpt', async () => {
		env.sandbox.setFault({
			method: 'GET',
			path: '/service/cloud/robot',
			status: 200,
			contentType: 'text/html',
			body: `<html><body>${'Bad gateway '.repeat(100)}</body></html>`,
		});
		const html = await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
		expect(html.error).toBeInstanceOf(NodeApiError);
		expect(html.error?.message).toMatch(/not JSON \(HTTP 200\): <html><body>Bad gateway/);
		expect(html.error!.message.length).toBeLessThan(320);

		env.sandbox.setFault({
			method: 'GET',
			path: '/service/cloud/robot',
			status: 200,
			contentType: 'application/json',
			body: '{"data":[{"RobotID":"r1"',
		});
		const truncated = await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
		expect(truncated.error?.message).toMatch(/not JSON \(HTTP 200\): \{"data":\[\{"RobotID":"r1"/);
	});

	test('GETs are retried on 503 honouring Retry-After; POSTs are never retried', async () => {
		env.sandbox.setFault({
			method: 'GET',
			path: '/service/cloud/robot',
			status: 503,
			headers: { 'Retry-After': '1' },
			body: 'busy',
			times: 2,
		});
		const started = Date.now();
		const read = await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
		expect(read.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(
			calls()
				.filter((r) => r.path === '/service/cloud/robot')
				.map((r) => r.status),
		).toEqual([503, 503, 200]);

		env.sandbox.clearRequests();
		env.sandbox.setFault({
			method: 'POST',
			path: '/service/cloud/v2/task',
			status: 503,
			body: 'busy',
		});
		const write = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'maybe-created' }), contacts(1)),
		);
		expect(write.error).toBeInstanceOf(NodeApiError);
		expect(write.error?.message).toMatch(
			/^Creating task "maybe-created" got no clear answer from AIRudder .*; the task may or may not exist$/,
		);
		expect(write.error?.description).toMatch(/never creates a task twice.*Task → Get Many/);
		expect(calls().filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(1);
	});

	test('a create whose connection drops is not retried and is reported as ambiguous; a 400-type refusal is not', async () => {
		env.sandbox.setFault({ method: 'POST', path: '/service/cloud/v2/task', destroy: true });
		const dropped = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'dropped' }), contacts(1)),
		);
		expect(dropped.error?.message).toMatch(/^Creating task "dropped" got no clear answer/);
		expect(calls().filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(1);

		await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'refused' }), contacts(1)),
		);
		const refused = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'refused' }), contacts(1)),
		);
		expect(refused.error?.message).toMatch(/with code 400/);
		expect(refused.error?.message).not.toMatch(/no clear answer/);
	});

	test('429 on a read is retried with back-off; auth endpoint down gives a clear error without a retry storm', async () => {
		env.sandbox.setFault({
			method: 'GET',
			path: '/service/cloud/robot',
			status: 429,
			body: 'slow down',
		});
		const read = await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
		expect(read.error).toBeUndefined();
		expect(
			calls()
				.filter((r) => r.path === '/service/cloud/robot')
				.map((r) => r.status),
		).toEqual([429, 200]);

		env.sandbox.expireTokens();
		env.sandbox.clearRequests();
		env.sandbox.setFault({
			method: 'POST',
			path: '/service/cloud/auth',
			status: 503,
			body: 'down',
			times: 10,
		});
		const down = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'get', taskId: 'x' }, [{}, {}, {}]),
		);
		expect(down.error).toBeInstanceOf(NodeApiError);
		expect(down.error?.message).toMatch(/AIRudder refused the APPKey\/APPSecret|auth/i);
		const auth = env.sandbox.requests.filter((r) => r.path === '/service/cloud/auth');
		const business = env.sandbox.requests.filter((r) => r.path === '/service/cloud/detail');
		// One request (the first item) fails: 1 call with the stale token, at most 1 refresh attempt.
		expect(business).toHaveLength(1);
		expect(auth.length).toBeLessThanOrEqual(1);
	});

	test('Continue On Fail turns a per-item failure into an error item and goes on', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'task',
					operation: 'cancelCall',
					taskId: '={{ $json.t }}',
					calleeNumber: '={{ $json.n }}',
				},
				[
					{ t: 'a', n: 'bad' },
					{ t: '', n: '+62' },
				],
				{ continueOnFail: true },
			),
		);
		expect(result.output('AIRudder').map((i) => i.json.error)).toEqual([
			expect.stringMatching(/^Item 0: Callee Number "bad"/),
			'Item 1: Task ID is required',
		]);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('AIRudder node with AES-encrypted transport', () => {
	const KEY = 'airudderredduria';
	let env: Setup;
	beforeAll(async () => {
		env = await startAirudder({ aesKey: KEY }, { encrypt: true, aesSecretKey: KEY });
	});
	afterAll(async () => await env.close());

	test('node → sandbox → node round trip: encrypted request, signed, decrypted answer', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'aes-task' }), contacts(2)),
		);
		expect(result.error).toBeUndefined();
		const taskId = result.output('AIRudder')[0].json.TaskID as string;
		expect(taskId).toMatch(/^[0-9a-f]{32}$/);
		const detail = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'get', taskId }),
		);
		expect(detail.error).toBeUndefined();

		const create = env.sandbox.requests.find((r) => r.path === '/service/cloud/v2/task')!;
		expect(create.encrypted).toBe(true);
		expect(create.headers['is-encrypted']).toBe('1');
		expect(create.rawBody).toMatch(/^[A-Za-z0-9+/]+=*$/);
		expect(create.headers.signed).toBe(aesSignature(JSON.stringify(create.body)));
		const get = env.sandbox.requests.find((r) => r.path === '/service/cloud/detail')!;
		expect(get.encrypted).toBe(true);
		expect(get.query).toEqual({ TaskID: taskId });
		// The token exchange stays plain JSON.
		expect(env.sandbox.requests.find((r) => r.path === '/service/cloud/auth')!.encrypted).toBe(
			false,
		);
	});

	test('a wrong AES key is refused by the sandbox and surfaces as a NodeApiError', async () => {
		const wrong = await startAirudder(
			{ aesKey: KEY },
			{ encrypt: true, aesSecretKey: 'wrongwrongwrong!' },
		);
		try {
			const result = await wrong.harness.run(
				airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
			);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toMatch(
				/^AIRudder answered GET \/service\/cloud\/robot with code/,
			);
		} finally {
			await wrong.close();
		}
	});
});

describe('AIRudder node: Process → Get Node Read Status (seed 003)', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startAirudder({}, { processTenantId: '1024', processToken: 'process-user-token' });
	});
	afterAll(async () => await env.close());

	test('sends the documented body with the tenantId/token headers and reads retcode 0 as success', async () => {
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'process',
				operation: 'getNodeReadStatus',
				procInstId: 'p-1',
				taskKey: 'node_1',
				options: { payloadVersion: 1, traceId: 't-9' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('AIRudder')[0].json).toEqual({
			read: [],
			unRead: [],
			msg: '',
			retcode: 0,
			traceId: 't-9',
		});
		const [request] = env.sandbox.requests.filter(
			(r) => r.path === '/api/v1/process/queryTaskQian',
		);
		expect(request.body).toEqual({
			header: { payloadVersion: 1, traceId: 't-9' },
			payload: { procInstId: 'p-1', taskKey: 'node_1' },
		});
		expect(request.headers).toMatchObject({ tenantid: '1024', token: 'process-user-token' });
	});

	test('a non-zero retcode is an error naming it', async () => {
		env.sandbox.setFault({
			method: 'POST',
			path: '/api/v1/process/queryTaskQian',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ data: null, msg: 'no such process', retcode: 500, traceId: '' }),
		});
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'process',
				operation: 'getNodeReadStatus',
				procInstId: 'x',
				taskKey: 'y',
			}),
		);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AIRudder answered POST /api/v1/process/queryTaskQian with code 500: no such process',
		);
	});
});
