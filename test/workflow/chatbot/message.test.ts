import { CHATBOT_NODE as NODE, chatbotSuite, chatbotWorkflow } from '../../support/suites';

describe('AIRudder Chatbot node: Message → Get Many', () => {
	const env = chatbotSuite();

	test('Message → Get Many sends both documented variants and returns one item per message', async () => {
		const params = {
			resource: 'message',
			operation: 'getAll',
			callId: '7738ff156ad12075578af25c84908567',
		};
		const plain = await env.harness.run(chatbotWorkflow(params));
		expect(plain.error).toBeUndefined();
		const typed = await env.harness.run(
			chatbotWorkflow({ ...params, size: 2, messageListType: 'single' }),
		);
		expect(env.requests().map((r) => r.body)).toEqual([
			{ call_id: '7738ff156ad12075578af25c84908567', last_msg_id: '', size: 20 },
			{ call_id: '7738ff156ad12075578af25c84908567', last_msg_id: '', size: 2, type: 'single' },
		]);
		expect(env.requests()[0].path).toBe('/api/v1/session/messages');
		expect(plain.output(NODE).map((i) => i.json.msg_id)).toEqual([
			'b1666ac1514d9e7bbd863319668dc5b9',
			'aab80ee4b49c4d179db2a7202d25b9c2',
			'9fec57b9bd3cbf762a18d0c03afb9394',
		]);
		expect(typed.output(NODE).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});
});
