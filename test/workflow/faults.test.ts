/**
 * Faults that test/workflow/voice/transport.test.ts does not cover: slow answers to idempotent GETs,
 * truncated JSON whose connection is dropped mid-answer (sandbox fault `destroy` + `body`), for reads
 * (retried) and for a task creation (never retried, reported as ambiguous), and 429/503 on the
 * streamed recording reads (lookup and file link).
 *
 * Time-outs run against a second sandbox whose credential sets Request Timeout to 1 s.
 */
import { NodeApiError } from 'n8n-workflow';

import {
	airudderWorkflow,
	contacts,
	startAirudder,
	taskCreateParameters,
} from '../support/airudder';

const TRUNCATED = '{"data":[{"RobotID":"e9f60ec4e5f1721c7992dc882767eb19","RobotName":"Coll';

describe('AIRudder node under transport faults', () => {
	let env: Awaited<ReturnType<typeof startAirudder>>;
	beforeAll(async () => {
		env = await startAirudder();
		// get the token now, so that each test sees only its own business calls
		await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
	const robotCalls = () => env.sandbox.requests.filter((r) => r.path === '/service/cloud/robot');
	const robots = () =>
		env.harness.run(airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }));

	test('a slow GET (2 s) is waited for, not retried, and succeeds', async () => {
		env.sandbox.setFault({ method: 'GET', path: '/service/cloud/robot', delayMs: 2000 });
		const started = Date.now();
		const result = await robots();
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(robotCalls()).toHaveLength(1);
		expect(result.output('AIRudder').length).toBeGreaterThan(0);
	});

	test('slow answers on several items of one execution: each item waits, none is sent twice', async () => {
		const taskId = env.sandbox.tasks.size
			? [...env.sandbox.tasks.keys()][0]
			: ((await env.harness.run(airudderWorkflow(taskCreateParameters(), contacts(1)))).output(
					'AIRudder',
				)[0].json.TaskID as string);
		env.sandbox.clearRequests();
		env.sandbox.setFault({ method: 'GET', path: '/service/cloud/detail', delayMs: 700, times: 3 });
		const result = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'get', taskId: '={{ $json.id }}' }, [
				{ id: taskId },
				{ id: taskId },
				{ id: taskId },
			]),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('AIRudder').map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(env.sandbox.requests.filter((r) => r.path === '/service/cloud/detail')).toHaveLength(3);
	});

	// A socket dropped after the head and part of the body (axios ERR_BAD_RESPONSE, status 200) is a
	// broken connection: reads are retried, writes reported as ambiguous.
	test('truncated JSON with a dropped socket on a GET is retried, and the retry succeeds', async () => {
		env.sandbox.setFault({
			method: 'GET',
			path: '/service/cloud/robot',
			status: 200,
			body: TRUNCATED,
			destroy: true,
		});
		const result = await robots();
		expect(result.error).toBeUndefined();
		expect(robotCalls().map((r) => Boolean(r.fault))).toEqual([true, false]);
		expect(result.output('AIRudder').map((i) => i.json.RobotID)).toContain(
			'e9f60ec4e5f1721c7992dc882767eb19',
		);
	});

	test('truncated JSON with a dropped socket on every attempt: 3 attempts, then a NodeApiError (no partial data)', async () => {
		env.sandbox.setFault({
			method: 'GET',
			path: '/service/cloud/robot',
			status: 200,
			body: TRUNCATED,
			destroy: true,
			times: 5,
		});
		const result = await robots();
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(robotCalls()).toHaveLength(3);
		expect(result.status).toBe('error');
		expect(result.runData.AIRudder?.[0]?.data).toBeUndefined();
	}, 30_000);

	describe('recordings (streamed reads) are retried like any read', () => {
		let taskId: string;
		beforeAll(async () => {
			const created = await env.harness.run(
				airudderWorkflow(taskCreateParameters({ taskName: 'recording-faults' }), contacts(1)),
			);
			taskId = created.output('AIRudder')[0].json.TaskID as string;
		});
		const getRecording = () =>
			env.harness.run(
				airudderWorkflow({
					resource: 'recording',
					operation: 'getCallRecording',
					taskId,
					callee: '+628120000000',
				}),
			);
		const paths = () =>
			env.sandbox.requests
				.filter((r) => r.path === '/service/cloud/case' || r.path.startsWith('/__sandbox/media/'))
				.map((r) => [r.path.startsWith('/__sandbox/media/') ? 'media' : 'case', r.status]);

		test('429 on the recording lookup and 503 on the file link: each retried once, the audio arrives whole', async () => {
			env.sandbox.setFault({
				method: 'GET',
				path: '/service/cloud/case',
				status: 429,
				body: '{"code":429,"message":"slow down"}',
				headers: { 'Retry-After': '0' },
			});
			env.sandbox.setFault({
				method: 'GET',
				path: '/__sandbox/media/*',
				status: 503,
				body: '<html>busy</html>',
				contentType: 'text/html',
				headers: { 'Retry-After': '0' },
			});
			const result = await getRecording();
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual([
				['case', 429],
				['case', 200],
				['media', 503],
				['media', 200],
			]);
			const [item] = result.output('AIRudder');
			const audio = await env.harness.readBinary(item);
			expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
		});

		test('a file link that keeps failing: 3 GETs, then an error naming the download', async () => {
			env.sandbox.setFault({
				method: 'GET',
				path: '/__sandbox/media/*',
				status: 503,
				body: 'busy',
				contentType: 'text/plain',
				headers: { 'Retry-After': '0' },
				times: 5,
			});
			const result = await getRecording();
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toMatch(
				/^Downloading http:\/\/127\.0\.0\.1:\d+\/__sandbox\/media\/.+ failed: HTTP 503$/,
			);
			expect(paths()).toEqual([
				['case', 200],
				['media', 503],
				['media', 503],
				['media', 503],
			]);
		});
	});

	test('a create whose answer is cut off mid-JSON is not retried and is reported as ambiguous', async () => {
		env.sandbox.setFault({
			method: 'POST',
			path: '/service/cloud/v2/task',
			status: 200,
			body: '{"data":{"TaskID":"c3b6b04c',
			destroy: true,
		});
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'cut-off' }), contacts(2)),
		);
		expect(result.error?.message).toMatch(/^Creating task "cut-off" got no clear answer/);
		expect(env.sandbox.requests.filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(1);
	});

	describe('with Request Timeout 1 s in the credential', () => {
		let slow: Awaited<ReturnType<typeof startAirudder>>;
		beforeAll(async () => {
			slow = await startAirudder({}, { timeout: 1 });
		});
		afterAll(async () => await slow.close());
		beforeEach(() => {
			slow.sandbox.clearFaults();
			slow.sandbox.clearRequests();
		});

		test('a GET that outlasts the time-out is given up and sent again; the second answer is used', async () => {
			slow.sandbox.setFault({ method: 'GET', path: '/service/cloud/robot', delayMs: 2500 });
			const result = await slow.harness.run(
				airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
			);
			expect(result.error).toBeUndefined();
			expect(result.output('AIRudder').length).toBeGreaterThan(0);
			// the first (slow) request was given up unanswered; the second one, answered at once, was used
			const calls = slow.sandbox.requests.filter((r) => r.path === '/service/cloud/robot');
			expect(calls.map((r) => r.status)).toEqual([0, 200]);
		});

		test('a task creation that outlasts the time-out is sent once and reported as possibly done', async () => {
			slow.sandbox.setFault({ method: 'POST', path: '/service/cloud/v2/task', delayMs: 2500 });
			const result = await slow.harness.run(
				airudderWorkflow(taskCreateParameters({ taskName: 'slow-create' }), contacts(2)),
			);
			expect(result.error?.message).toMatch(/^Creating task "slow-create" got no clear answer/);
			expect(slow.sandbox.requests.filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(
				1,
			);
		});
	});
});
