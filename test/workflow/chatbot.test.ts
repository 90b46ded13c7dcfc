import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AirudderChatbotApi } from '../../credentials/AirudderChatbotApi.credentials';
import { AirudderChatbot } from '../../nodes/Airudder/AirudderChatbot.node';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { itemsWorkflow } from '../support/airudder';
import { WorkflowHarness, type HarnessWorkflow } from '../support/workflow';

const CHATBOT_TYPE = 'n8n-nodes-airudder.airudderChatbot';
const API_KEY = 'wf-chatbot-api-key';
const NODE = 'AIRudder Chatbot';

/** The request example of "Send template message" (seed 000), exactly as documented. */
const SEED_000_BODY = {
	template_id: 28,
	timestamp: 1668112245,
	channel: 'WhatsApp',
	channel_id: '62895422536400',
	receivers: [{ id: '8613112345678' }],
	template: [{ variable: { date: '2024-01-17', name: 'tttt001' } }],
	custom: '{"robot_id":3927,"robot_version_id":2612}',
};

/** Manual Trigger → Items → AIRudder Chatbot with `parameters`. */
const chatbotWorkflow = (
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): HarnessWorkflow =>
	itemsWorkflow(
		{
			type: CHATBOT_TYPE,
			name: NODE,
			credentials: { airudderChatbotApi: { id: 'cred-1', name: 'Chatbot sandbox' } },
		},
		parameters,
		items,
		settings,
	);

/** Template Message → Send, wired to the input items as in the seed's example. */
const sendParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'templateMessage',
	operation: 'send',
	templateId: '28',
	channelId: '62895422536400',
	receiverId: '={{ $json.phone }}',
	templateVariables: {
		variable: [
			{ name: 'date', value: '={{ $json.date }}' },
			{ name: 'name', value: '={{ $json.name }}' },
		],
	},
	robotId: '3927',
	robotVersionId: '2612',
	...overrides,
});

const receiverItem = (phone: string, name = 'tttt001') => ({ phone, date: '2024-01-17', name });

describe('AIRudder Chatbot node through n8n-core, against the sandbox', () => {
	let server: Sandbox;
	let harness: WorkflowHarness;
	const credential = () => ({ apiKey: API_KEY, signSecret: '', baseUrl: server.url });
	/** The chatbot requests the sandbox received, bodies as objects. */
	const requests = () =>
		server.requests.map((r) => ({ ...r, body: (r.body ?? {}) as IDataObject }));

	beforeAll(async () => {
		server = await startSandbox({ chatbotApiKey: API_KEY });
		harness = new WorkflowHarness({
			nodeTypes: { [CHATBOT_TYPE]: new AirudderChatbot() },
			credentialTypes: [new AirudderChatbotApi()],
			credentials: { airudderChatbotApi: credential() },
		});
	});
	afterAll(async () => {
		await harness.close();
		await server.close();
	});
	beforeEach(() => {
		server.clearRequests();
		server.clearFaults();
		harness.setCredentials('airudderChatbotApi', credential());
	});

	test('Template Message → Send sends the seed-000 example request (timestamp aside) with the documented headers', async () => {
		const before = Math.floor(Date.now() / 1000);
		const result = await harness.run(
			chatbotWorkflow(sendParameters(), [receiverItem('8613112345678')]),
		);
		const after = Math.floor(Date.now() / 1000);
		expect(result.error).toBeUndefined();

		expect(requests()).toHaveLength(1);
		const [request] = requests();
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
		const result = await harness.run(chatbotWorkflow(sendParameters(), items));
		expect(result.error).toBeUndefined();
		expect(requests()).toHaveLength(1);
		expect(requests()[0].body.receivers).toEqual(items.map(({ phone }) => ({ id: phone })));
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
		const result = await harness.run(chatbotWorkflow(sendParameters(), items));
		expect(result.error).toBeUndefined();
		expect(requests().map((r) => [r.body.receivers, r.body.template])).toEqual([
			[[{ id: '6281' }, { id: '6283' }], [{ variable: { date: '2024-01-17', name: 'Ana' } }]],
			[[{ id: '6282' }], [{ variable: { date: '2024-01-17', name: 'Budi' } }]],
		]);
		const output = result.output(NODE);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.task_id).toBe(output[2].json.task_id);
		expect(output[0].json.task_id).not.toBe(output[1].json.task_id);
	});

	test('custom is "{}" without robot fields, extra custom fields are appended, and no template is sent without variables', async () => {
		const result = await harness.run(
			chatbotWorkflow(sendParameters({ robotId: '', robotVersionId: '', templateVariables: {} }), [
				receiverItem('6281'),
			]),
		);
		expect(result.error).toBeUndefined();
		expect(requests()[0].body.custom).toBe('{}');
		expect(requests()[0].body).not.toHaveProperty('template');

		await harness.run(
			chatbotWorkflow(sendParameters({ additionalCustomFields: '{"source":"n8n"}' }), [
				receiverItem('6281'),
			]),
		);
		expect(requests()[1].body.custom).toBe(
			'{"robot_id":3927,"robot_version_id":2612,"source":"n8n"}',
		);
	});

	test.each<[string, IDataObject, IDataObject[], string, string]>([
		[
			'an empty receiver',
			{},
			[receiverItem('6281'), { date: 'x', name: 'y' }],
			"Item 1: Receiver's WhatsApp ID is required",
			'receivers[].id',
		],
		[
			'template id "abc"',
			{ templateId: 'abc' },
			[receiverItem('6281')],
			'Item 0: Template ID must be a whole number (got "abc")',
			'template_id',
		],
		[
			'no channel id',
			{ channelId: '={{ $json.channel }}' },
			[receiverItem('6281')],
			'Item 0: Channel ID (the WABA account that owns the template) is required',
			'channel_id',
		],
		[
			'robot id "r1"',
			{ robotId: '={{ $json.robot }}' },
			[{ ...receiverItem('6281'), robot: 'r1' }],
			'Item 0: robot_id must be a whole number (got "r1")',
			'custom.robot_id',
		],
	])(
		'bad input (%s) fails naming item and field, and nothing is sent',
		async (_label, overrides, items, message, field) => {
			const result = await harness.run(chatbotWorkflow(sendParameters(overrides), items));
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toBe(`AIRudder field: ${field}`);
			expect(requests()).toHaveLength(0);
		},
	);

	test('with Continue On Fail an invalid item becomes an error item and the others are still sent', async () => {
		const items = [receiverItem('6281'), { date: 'x', name: 'y' }, receiverItem('6283')];
		const result = await harness.run(
			chatbotWorkflow(sendParameters(), items, { continueOnFail: true }),
		);
		expect(result.status).toBe('success');
		expect(requests()).toHaveLength(1);
		expect(requests()[0].body.receivers).toEqual([{ id: '6281' }, { id: '6283' }]);
		const output = result.output(NODE);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({ error: "Item 1: Receiver's WhatsApp ID is required" });
		expect(output[0].json.task_id).toEqual(expect.any(String));
	});

	test('a non-200 code under HTTP 200 becomes a NodeApiError with code, message and request_id', async () => {
		server.setFault({
			path: '/api/v1/template/send',
			status: 200,
			body: JSON.stringify({
				request_id: 'd102d2f159d739abe142a17fcb2ea483',
				code: 1002,
				message: 'template not approved',
				data: null,
			}),
		});
		const result = await harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AIRudder answered POST /api/v1/template/send with code 1002: template not approved (request_id d102d2f159d739abe142a17fcb2ea483)',
		);
	});

	test('an HTML answer becomes a NodeApiError quoting a short excerpt', async () => {
		server.setFault({
			path: '/api/v1/template/send',
			status: 502,
			body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`,
			contentType: 'text/html',
			times: 3,
		});
		const result = await harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(
			/^AIRudder answered POST \/api\/v1\/template\/send with something that is not JSON \(HTTP 502\): <html><head><title>502 Bad Gateway/,
		);
		expect(result.error?.message.length).toBeLessThan(320);
		// a send is never retried: a retry could send the WhatsApp message twice
		expect(requests()).toHaveLength(1);
	});

	test('Message → Get Many (a read) is retried on 503 honouring Retry-After, at most 3 times', async () => {
		const params = { resource: 'message', operation: 'getAll', callId: 'c1' };
		const unavailable = {
			path: '/api/v1/session/messages',
			status: 503,
			body: '{"code":503,"message":"busy"}',
			headers: { 'Retry-After': '0' },
		};
		server.setFault(unavailable);
		const retried = await harness.run(chatbotWorkflow(params));
		expect(retried.error).toBeUndefined();
		expect(requests().map((r) => r.status)).toEqual([503, 200]);
		expect(retried.output(NODE).length).toBeGreaterThan(0);

		server.clearRequests();
		server.setFault({ ...unavailable, times: 5 });
		const failed = await harness.run(chatbotWorkflow(params));
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error?.message).toMatch(/HTTP 503, code 503: busy/);
		expect(requests().map((r) => r.status)).toEqual([503, 503, 503]);
	});

	test('a wrong API key is refused by the sandbox (HTTP 401) and the key never appears in the error', async () => {
		harness.setCredentials('airudderChatbotApi', { ...credential(), apiKey: 'not-the-key' });
		const result = await harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(
			/^AIRudder answered POST \/api\/v1\/template\/send with HTTP 401, code 401: X-AIRudder-Sign-Key is not a known API key \(request_id [0-9a-f]{32}\)$/,
		);
		expect(JSON.stringify(result.error)).not.toContain('not-the-key');
	});

	test('the configured X-AIRudder-Sign value is sent as it is', async () => {
		harness.setCredentials('airudderChatbotApi', {
			...credential(),
			signSecret: 'fixed-signature',
		});
		await harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(requests()[0].headers['x-airudder-sign']).toBe('fixed-signature');
	});

	test('Message → Get Many sends both documented variants and returns one item per message', async () => {
		const params = {
			resource: 'message',
			operation: 'getAll',
			callId: '7738ff156ad12075578af25c84908567',
		};
		const plain = await harness.run(chatbotWorkflow(params));
		expect(plain.error).toBeUndefined();
		const typed = await harness.run(
			chatbotWorkflow({ ...params, size: 2, messageListType: 'single' }),
		);
		expect(requests().map((r) => r.body)).toEqual([
			{ call_id: '7738ff156ad12075578af25c84908567', last_msg_id: '', size: 20 },
			{ call_id: '7738ff156ad12075578af25c84908567', last_msg_id: '', size: 2, type: 'single' },
		]);
		expect(requests()[0].path).toBe('/api/v1/session/messages');
		expect(plain.output(NODE).map((i) => i.json.msg_id)).toEqual([
			'b1666ac1514d9e7bbd863319668dc5b9',
			'aab80ee4b49c4d179db2a7202d25b9c2',
			'9fec57b9bd3cbf762a18d0c03afb9394',
		]);
		expect(typed.output(NODE).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test("Huawei Channel → Send User Message sends the shape of the docs' example", async () => {
		const result = await harness.run(
			chatbotWorkflow({
				resource: 'huaweiChannel',
				operation: 'sendUserMessage',
				callId: 'netinfo session id',
				channelId: 'hwbcauat',
				userId: '123',
				userName: 'nick',
				messages: {
					message: [
						{ type: 'text', text: 'hi' },
						{ type: 'file', url: 'https://www.airudder.com/xxx.pdf', fileName: 'xxx.pdf' },
						{
							type: 'interactive',
							replyType: 'button_reply',
							replyId: '3eeb467c935f6f2cb45021364ef3c1e8-2-1-button-0-',
							replyTitle: '男',
						},
					],
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(requests()[0].path).toBe('/api/v1/channel/huawei/message');
		expect(requests()[0].body).toEqual({
			call_id: 'netinfo session id',
			channel: 'HuaWei',
			channel_id: 'hwbcauat',
			user: { id: '123', name: 'nick' },
			messages: [
				{ type: 'text', text: 'hi' },
				{
					type: 'file',
					media: { origin_url: 'https://www.airudder.com/xxx.pdf', name: 'xxx.pdf' },
				},
				{
					type: 'interactive',
					interactive: {
						type: 'button_reply',
						button_reply: { id: '3eeb467c935f6f2cb45021364ef3c1e8-2-1-button-0-', title: '男' },
					},
				},
			],
		});
		expect(result.json(NODE)).toEqual([expect.objectContaining({ code: 200, message: 'Success' })]);
	});

	test('Custom API Call sends any JSON body to any path with the chatbot headers', async () => {
		const result = await harness.run(
			chatbotWorkflow({
				resource: 'custom',
				operation: 'apiCall',
				method: 'POST',
				path: '/api/v1/session/messages',
				body: '{"call_id":"c1","size":1}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(requests()[0]).toMatchObject({
			path: '/api/v1/session/messages',
			body: { call_id: 'c1', size: 1 },
		});
		expect(requests()[0].headers['x-airudder-sign-key']).toBe(API_KEY);
		expect(result.json(NODE)[0]).toMatchObject({
			code: 200,
			data: [expect.objectContaining({ msg_id: 'b1666ac1514d9e7bbd863319668dc5b9' })],
		});
	});
});
