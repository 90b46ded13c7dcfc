/**
 * Predictive Dialer → Call against the sandbox: the Account Time Zone (no default) is asked for
 * only when Get Records sends a time.
 */
import { PDS_NODE, inMinutes, startPds } from '../../support/pds';
import { itemsWorkflow } from '../../support/airudder';

describe('Predictive Dialer → Call', () => {
	let env: Awaited<ReturnType<typeof startPds>>;
	beforeAll(async () => {
		env = await startPds();
	});
	afterAll(async () => await env.close());
	beforeEach(() => env.sandbox.clearRequests());

	test('Call → Get Records with a call window and no Account Time Zone asks for the zone and sends nothing', async () => {
		const result = await env.harness.run(
			itemsWorkflow(PDS_NODE, {
				resource: 'call',
				operation: 'getRecords',
				taskId: 'abc',
				options: { minStartTime: inMinutes(-5) },
			}),
		);
		expect(result.error?.message).toBe('Item 0: choose the Account Time Zone');
		expect(env.sandbox.requests).toHaveLength(0);
		// without a window no zone is needed
		const plain = await env.harness.run(
			itemsWorkflow(PDS_NODE, { resource: 'call', operation: 'getRecords', taskId: 'abc' }),
		);
		expect(plain.error?.message).toMatch(/^Item 0: AIRudder PDS error 10702: TaskID is invalid/);
	});
});
