import { NodeApiError } from 'n8n-workflow';

import { airudderWorkflow } from '../../support/airudder';
import { airudderSuite, apiCalls, createTask } from '../../support/suites';

describe('AIRudder node: Custom API Call', () => {
	const env = airudderSuite();

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
		expect(apiCalls(env)[0]).toMatchObject({
			path: '/service/cloud/detail',
			query: { TaskID: taskId },
		});
		expect(apiCalls(env)[0].headers.authorization).toMatch(/^Token /);

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
		expect(apiCalls(env)).toHaveLength(0);
	});
});
