import { SEED_000_BODY } from '../../fixtures/chatbot-examples';
import {
	CHATBOT_API_KEY as API_KEY,
	CHATBOT_NODE as NODE,
	chatbotSuite,
	chatbotWorkflow,
	receiverItem,
	sendParameters,
} from '../../support/suites';

describe('AIRudder Chatbot node: Template Message → Send', () => {
	const env = chatbotSuite();

	test('Template Message → Send sends the seed-000 example request (timestamp aside) with the documented headers', async () => {
		const before = Math.floor(Date.now() / 1000);
		const result = await env.harness.run(
			chatbotWorkflow(sendParameters(), [receiverItem('8613112345678')]),
		);
		const after = Math.floor(Date.now() / 1000);
		expect(result.error).toBeUndefined();

		expect(env.requests()).toHaveLength(1);
		const [request] = env.requests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/v1/template/send' });
		expect(request.headers['x-airudder-sign-key']).toBe(API_KEY);
		expect(request.headers['x-airudder-sign']).toBe('');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toBeUndefined();

		const { timestamp, ...rest } = request.body;
		const { timestamp: _seedTimestamp, ...seedRest } = SEED_000_BODY;
		expect(rest).toEqual(seedRest);
		expect(Number.isInteger(timestamp)).toBe(true);
		expect(timestamp).toBeGreaterThanOrEqual(before);
		expect(timestamp).toBeLessThanOrEqual(after);
		// Same JSON text as the docs once the timestamp is the seed's: keys in the documented order.
		expect(request.rawBody).toBe(JSON.stringify({ ...SEED_000_BODY, timestamp }));

		const output = result.output(NODE);
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			task_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			receiver: '8613112345678',
			template_id: 28,
			channel_id: '62895422536400',
			request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('all receivers of an execution with the same variables go in ONE request; the outputs stay paired', async () => {
		const items = ['628110000001', '628110000002', '628110000003'].map((phone) =>
			receiverItem(phone),
		);
		const result = await env.harness.run(chatbotWorkflow(sendParameters(), items));
		expect(result.error).toBeUndefined();
		expect(env.requests()).toHaveLength(1);
		expect(env.requests()[0].body.receivers).toEqual(items.map(({ phone }) => ({ id: phone })));
		const output = result.output(NODE);
		expect(output.map((i) => [i.json.receiver, i.pairedItem])).toEqual([
			['628110000001', { item: 0 }],
			['628110000002', { item: 1 }],
			['628110000003', { item: 2 }],
		]);
		expect(new Set(output.map((i) => i.json.task_id)).size).toBe(1);
	});

	test('receivers with different variables are sent in separate requests (one variable set per request)', async () => {
		const items = [
			receiverItem('6281', 'Ana'),
			receiverItem('6282', 'Budi'),
			receiverItem('6283', 'Ana'),
		];
		const result = await env.harness.run(chatbotWorkflow(sendParameters(), items));
		expect(result.error).toBeUndefined();
		expect(env.requests().map((r) => [r.body.receivers, r.body.template])).toEqual([
			[[{ id: '6281' }, { id: '6283' }], [{ variable: { date: '2024-01-17', name: 'Ana' } }]],
			[[{ id: '6282' }], [{ variable: { date: '2024-01-17', name: 'Budi' } }]],
		]);
		const output = result.output(NODE);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.task_id).toBe(output[2].json.task_id);
		expect(output[0].json.task_id).not.toBe(output[1].json.task_id);
	});

	test('custom is "{}" without robot fields, extra custom fields are appended, and no template is sent without variables', async () => {
		const result = await env.harness.run(
			chatbotWorkflow(sendParameters({ robotId: '', robotVersionId: '', templateVariables: {} }), [
				receiverItem('6281'),
			]),
		);
		expect(result.error).toBeUndefined();
		expect(env.requests()[0].body.custom).toBe('{}');
		expect(env.requests()[0].body).not.toHaveProperty('template');

		await env.harness.run(
			chatbotWorkflow(sendParameters({ additionalCustomFields: '{"source":"n8n"}' }), [
				receiverItem('6281'),
			]),
		);
		expect(env.requests()[1].body.custom).toBe(
			'{"robot_id":3927,"robot_version_id":2612,"source":"n8n"}',
		);
	});

	test('with Continue On Fail an invalid item becomes an error item and the others are still sent', async () => {
		const items = [receiverItem('6281'), { date: 'x', name: 'y' }, receiverItem('6283')];
		const result = await env.harness.run(
			chatbotWorkflow(sendParameters(), items, { continueOnFail: true }),
		);
		expect(result.status).toBe('success');
		expect(env.requests()).toHaveLength(1);
		expect(env.requests()[0].body.receivers).toEqual([{ id: '6281' }, { id: '6283' }]);
		const output = result.output(NODE);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({ error: "Item 1: Receiver's WhatsApp ID is required" });
		expect(output[0].json.task_id).toEqual(expect.any(String));
	});
});
