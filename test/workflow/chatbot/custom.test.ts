import { NodeOperationError } from 'n8n-workflow';

import {
	CHATBOT_API_KEY as API_KEY,
	CHATBOT_NODE as NODE,
	chatbotSuite,
	chatbotWorkflow,
} from '../../support/suites';

describe('AIRudder Chatbot node: Custom API Call', () => {
	const env = chatbotSuite();

	test('Custom API Call sends any JSON body to any path with the chatbot headers', async () => {
		const result = await env.harness.run(
			chatbotWorkflow({
				resource: 'custom',
				operation: 'apiCall',
				method: 'POST',
				path: '/api/v1/session/messages',
				body: '{"call_id":"c1","size":1}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(env.requests()[0]).toMatchObject({
			path: '/api/v1/session/messages',
			body: { call_id: 'c1', size: 1 },
		});
		expect(env.requests()[0].headers['x-airudder-sign-key']).toBe(API_KEY);
		expect(result.json(NODE)[0]).toMatchObject({
			code: 200,
			data: [expect.objectContaining({ msg_id: 'b1666ac1514d9e7bbd863319668dc5b9' })],
		});
	});

	const PATH_RULE = 'Path must start with "/" and hold no query string';
	test.each([
		['a path without "/"', { path: 'api/v1/session/messages' }, `Item 0: ${PATH_RULE}`],
		['a query string', { path: '/api/v1/session/messages?size=1' }, `Item 0: ${PATH_RULE}`],
		['a protocol-relative path', { path: '//evil.example/x' }, `Item 0: ${PATH_RULE}`],
		[
			'a body that is not a JSON object',
			{ path: '/api/v1/session/messages', body: '[1]' },
			'Item 0: Body (JSON) must be a JSON object',
		],
	])('Custom API Call refuses %s before sending', async (_case, parameters, message) => {
		const result = await env.harness.run(
			chatbotWorkflow({ resource: 'custom', operation: 'apiCall', method: 'POST', ...parameters }),
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(message);
		expect(env.requests()).toHaveLength(0);
	});
});
