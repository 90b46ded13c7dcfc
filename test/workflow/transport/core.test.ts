/**
 * The request core (nodes/Airudder/transport/core) as the AIRudder node uses it: what a read is
 * (the endpoint table's explicit `idempotent`, POST reads included) and the download size cap.
 */
import { airudderWorkflow } from '../../support/airudder';
import { json, server } from '../../support/hostile';
import { airudderSuite, apiCalls, createTask } from '../../support/suites';

const busy = (path: string, times: number) => ({
	method: 'POST',
	path,
	status: 503,
	headers: { 'Retry-After': '0' },
	body: '{"code":503,"message":"busy"}',
	contentType: 'application/json',
	times,
});

describe('request core: reads are retried whatever their method', () => {
	const env = airudderSuite();
	const sent = (path: string) => apiCalls(env).filter((r) => r.path === path).length;

	test('Workflow → Find by Contact (a POST read) is retried on 503 and succeeds', async () => {
		env.sandbox.setFault(busy('/service/cloud/workflow/detailinstances', 2));
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'findByContact',
				callee: '+6281',
				startTime: '2026-11-01T00:00:00Z',
				endTime: '2026-11-02T00:00:00Z',
				accountTimeZone: 'Asia/Jakarta',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sent('/service/cloud/workflow/detailinstances')).toBe(3);
	});

	test('Workflow → Get Outbound Task Details (a POST read) is retried, at most 3 times, and the error keeps the status and message', async () => {
		env.sandbox.setFault(busy('/service/cloud/workflow/taskdetail', 5));
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'getTaskDetail',
				body: JSON.stringify({ workflow_id: 'w-1' }),
			}),
		);
		expect(sent('/service/cloud/workflow/taskdetail')).toBe(3);
		expect(result.error?.message).toBe(
			'AIRudder answered POST /service/cloud/workflow/taskdetail with HTTP 503, code 503: busy',
		);
	});
});

describe('request core: the Max Download Size', () => {
	// 2 MiB recordings, a 1 MB cap
	const env = airudderSuite({ recordingBytes: 2 * 1024 * 1024 }, { maxDownloadMb: 1 });

	test('a recording larger than the cap is refused, naming the cap', async () => {
		const taskId = await createTask(env, 1);
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getCallRecording',
				taskId,
				callee: '+628120000000',
			}),
		);
		expect(result.error?.message).toMatch(
			/^Downloading http:\/\/127\.0\.0\.1:\d+\/__sandbox\/media\/.+ failed: the file is larger than the Max Download Size of 1 MB$/,
		);
	});
});

describe('request core: the Max Download Size without a Content-Length', () => {
	const env = airudderSuite({}, { maxDownloadMb: 1 });
	let files: Awaited<ReturnType<typeof server>>;

	beforeAll(async () => {
		files = await server((req, res) => {
			if (req.url === '/service/cloud/auth')
				return json(res, 200, { code: 200, data: { token: 'tok-chunked-1' } });
			if (req.url?.startsWith('/service/cloud/case'))
				return json(res, 200, { code: 200, data: { url: `${files.url}/big.wav` } });
			// 2 MiB in 64 KiB chunks, no Content-Length (chunked)
			res.writeHead(200, { 'Content-Type': 'audio/wav' });
			const chunk = Buffer.alloc(64 * 1024);
			for (let i = 0; i < 32; i++) res.write(chunk);
			res.end();
		});
	});
	afterAll(async () => await files.close());

	test('a streamed file that passes the cap fails the item, naming the cap', async () => {
		env.harness.setCredentials('airudderApi', {
			appKey: 'k-chunked',
			appSecret: 's-chunked',
			baseUrl: files.url,
			maxDownloadMb: 1,
		});
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getCallRecording',
				taskId: 't1',
				callee: '+6281',
			}),
		);
		expect(result.error?.message).toMatch(
			/Downloading http:\/\/127\.0\.0\.1:\d+\/big\.wav failed: the file is larger than the Max Download Size of 1 MB/,
		);
	});
});
