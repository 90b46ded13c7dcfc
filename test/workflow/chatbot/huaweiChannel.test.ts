import { HUAWEI_MESSAGE_EXAMPLE } from '../../fixtures/chatbot-examples';
import { CHATBOT_NODE as NODE, chatbotSuite, chatbotWorkflow } from '../../support/suites';

describe('AIRudder Chatbot node: Huawei Channel → Send User Message', () => {
	const env = chatbotSuite();

	test("Huawei Channel → Send User Message sends the shape of the docs' example", async () => {
		const result = await env.harness.run(
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
		expect(env.requests()[0].path).toBe('/api/v1/channel/huawei/message');
		expect(env.requests()[0].body).toEqual(HUAWEI_MESSAGE_EXAMPLE);
		expect(result.json(NODE)).toEqual([expect.objectContaining({ code: 200, message: 'Success' })]);
	});
});
