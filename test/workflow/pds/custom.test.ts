import { NodeApiError } from 'n8n-workflow';

import { pdsWorkflow, startPds } from '../../support/pds';

type Setup = Awaited<ReturnType<typeof startPds>>;

/** The Predictive Dialer's own Custom API Call: any PDS path under the Base URL, POST with JSON. */
describe('AIRudder Predictive Dialer node: Custom API Call', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startPds();
	});
	afterAll(async () => await env.close());

	const custom = (path: string, body: string) => ({
		resource: 'custom',
		operation: 'apiCall',
		method: 'POST',
		path,
		body,
	});

	test('posts the JSON body to the path with the token and returns the answer body', async () => {
		const window = JSON.stringify({
			minstarttime: '2020-01-01 00:00:00',
			maxstarttime: '2020-01-01 01:00:00',
			limit: 10,
		});
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			pdsWorkflow(custom('/service/callcenter/call/predict/querytasklist', window)),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('PDS').map((item) => item.json)).toEqual([{ list: [], total: 0 }]);
		const call = env.sandbox.requests.find((r) => r.path.endsWith('/querytasklist'));
		expect(call).toMatchObject({ method: 'POST', status: 200, body: JSON.parse(window) });
		expect(call?.headers.authorization).toMatch(/^Token \S+$/);
	});

	test('a PDS error code is an error naming the item and the code', async () => {
		const result = await env.harness.run(
			pdsWorkflow(custom('/service/callcenter/call/predict/createtask', '{"taskName": ""}')),
		);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/^Item 0: AIRudder PDS error \d+/);
	});

	test('refuses a path to another host, without "/" or with a query string, before sending', async () => {
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			pdsWorkflow(
				custom('={{ $json.path }}', '{}'),
				[
					{ path: '//evil.example/x' },
					{ path: 'http://evil.example/x' },
					{ path: '/service/callcenter/call/predict/querytasklist?x=1' },
				],
				{ continueOnFail: true },
			),
		);
		const message = (i: number) => `Item ${i}: Path must start with "/" and hold no query string`;
		expect(result.output('PDS').map((item) => item.json.error)).toEqual([
			message(0),
			message(1),
			message(2),
		]);
		expect(env.sandbox.requests).toEqual([]);
	});

	test('offers POST only (every PDS endpoint is POST)', async () => {
		const { AirudderPredictiveDialer } = await import(
			'../../../nodes/Airudder/AirudderPredictiveDialer.node'
		);
		const method = new AirudderPredictiveDialer().description.properties.find(
			(p) => p.name === 'method' && p.displayOptions?.show?.resource?.includes('custom'),
		);
		expect(method?.options).toEqual([expect.objectContaining({ name: 'POST', value: 'POST' })]);
	});
});
