import { NodeApiError } from 'n8n-workflow';

import { airudderWorkflow } from '../../support/airudder';
import { airudderSuite } from '../../support/suites';

describe('AIRudder node: Process → Get Node Read Status (seed 003)', () => {
	const env = airudderSuite({}, { processTenantId: '1024', processToken: 'process-user-token' });

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
