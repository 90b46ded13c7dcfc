import { NodeApiError } from 'n8n-workflow';

import {
	CHATBOT_NODE as NODE,
	chatbotSuite,
	chatbotWorkflow,
	receiverItem,
	sendParameters,
} from '../../support/suites';

describe('AIRudder Chatbot node: answers, retries and the credential (transport/chatbot)', () => {
	const env = chatbotSuite();

	test('a non-200 code under HTTP 200 becomes a NodeApiError with code, message and request_id', async () => {
		env.server.setFault({
			path: '/api/v1/template/send',
			status: 200,
			body: JSON.stringify({
				request_id: 'd102d2f159d739abe142a17fcb2ea483',
				code: 1002,
				message: 'template not approved',
				data: null,
			}),
		});
		const result = await env.harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AIRudder answered POST /api/v1/template/send with code 1002: template not approved (request_id d102d2f159d739abe142a17fcb2ea483)',
		);
	});

	test('an HTML answer becomes a NodeApiError quoting a short excerpt', async () => {
		env.server.setFault({
			path: '/api/v1/template/send',
			status: 502,
			body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`,
			contentType: 'text/html',
			times: 3,
		});
		const result = await env.harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(
			/^AIRudder answered POST \/api\/v1\/template\/send with HTTP 502: <html><head><title>502 Bad Gateway/,
		);
		expect(result.error?.message.length).toBeLessThan(320);
		// a send is never retried: a retry could send the WhatsApp message twice
		expect(env.requests()).toHaveLength(1);
	});

	test('Message → Get Many (a read) is retried on 503 honouring Retry-After, at most 3 times', async () => {
		const params = { resource: 'message', operation: 'getAll', callId: 'c1' };
		const unavailable = {
			path: '/api/v1/session/messages',
			status: 503,
			body: '{"code":503,"message":"busy"}',
			headers: { 'Retry-After': '0' },
		};
		env.server.setFault(unavailable);
		const retried = await env.harness.run(chatbotWorkflow(params));
		expect(retried.error).toBeUndefined();
		expect(env.requests().map((r) => r.status)).toEqual([503, 200]);
		expect(retried.output(NODE).length).toBeGreaterThan(0);

		env.server.clearRequests();
		env.server.setFault({ ...unavailable, times: 5 });
		const failed = await env.harness.run(chatbotWorkflow(params));
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error?.message).toMatch(/HTTP 503, code 503: busy/);
		expect(env.requests().map((r) => r.status)).toEqual([503, 503, 503]);
	});

	test('a wrong API key is refused by the sandbox (HTTP 401) and the key never appears in the error', async () => {
		env.harness.setCredentials('airudderChatbotApi', {
			...env.credential(),
			apiKey: 'not-the-key',
		});
		const result = await env.harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(
			/^AIRudder answered POST \/api\/v1\/template\/send with HTTP 401, code 401: X-AIRudder-Sign-Key is not a known API key \(request_id [0-9a-f]{32}\)$/,
		);
		expect(JSON.stringify(result.error)).not.toContain('not-the-key');
	});

	test('the configured X-AIRudder-Sign value is sent as it is', async () => {
		env.harness.setCredentials('airudderChatbotApi', {
			...env.credential(),
			signSecret: 'fixed-signature',
		});
		await env.harness.run(chatbotWorkflow(sendParameters(), [receiverItem('6281')]));
		expect(env.requests()[0].headers['x-airudder-sign']).toBe('fixed-signature');
	});
});
