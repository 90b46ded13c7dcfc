import { airudderWorkflow } from '../../support/airudder';
import { airudderSuite, apiCalls } from '../../support/suites';

describe('AIRudder node: SMS', () => {
	const env = airudderSuite();

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
		expect(apiCalls(env)[0].body).toEqual({ to: ['+6281234'], message: 'Hello', from: 'ACME' });
	});
});
