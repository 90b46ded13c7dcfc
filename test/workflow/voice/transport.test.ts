import { NodeApiError } from 'n8n-workflow';

import { aesSignature } from '../../../nodes/Airudder/helpers/aes';
import {
	airudderWorkflow,
	contacts,
	startAirudder,
	taskCreateParameters,
} from '../../support/airudder';
import { airudderSuite, apiCalls } from '../../support/suites';

describe('AIRudder node: answers, retries and per-item errors (transport/voice, actions/shared)', () => {
	const env = airudderSuite();

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
			apiCalls(env)
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
		expect(apiCalls(env).filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(1);
	});

	test('a create whose connection drops is not retried and is reported as ambiguous; a 400-type refusal is not', async () => {
		env.sandbox.setFault({ method: 'POST', path: '/service/cloud/v2/task', destroy: true });
		const dropped = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'dropped' }), contacts(1)),
		);
		expect(dropped.error?.message).toMatch(/^Creating task "dropped" got no clear answer/);
		expect(apiCalls(env).filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(1);

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
			apiCalls(env)
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
	const env = airudderSuite({ aesKey: KEY }, { encrypt: true, aesSecretKey: KEY });

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
				/^AIRudder answered GET \/service\/cloud\/robot with HTTP 400, code 400: The request cannot be decrypted/,
			);
		} finally {
			await wrong.close();
		}
	});
});
