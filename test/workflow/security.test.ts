/**
 * Security of the request helpers through n8n-core (issue 11), against hostile servers on
 * 127.0.0.1: redirects refused without following, time-outs on the sign-in and the chatbot API,
 * and errors (message, description, cause) without any credential value even when AIRudder's
 * answer echoes them.
 */
import type { IDataObject } from 'n8n-workflow';

import { AirudderApi } from '../../credentials/AirudderApi.credentials';
import { AirudderChatbotApi } from '../../credentials/AirudderChatbotApi.credentials';
import { Airudder } from '../../nodes/Airudder/Airudder.node';
import { AirudderChatbot } from '../../nodes/Airudder/AirudderChatbot.node';
import { AIRUDDER_TYPE, itemsWorkflow } from '../support/airudder';
import { json, redirect, server } from '../support/hostile';
import { WorkflowHarness } from '../support/workflow';

const CHATBOT_TYPE = 'n8n-nodes-airudder.airudderChatbot';
const APP_KEY = 'wf-sec-app-key-1';
const APP_SECRET = 'wf-sec-app-secret-2';
const TOKEN = 'wf-sec-token-345678';
const CHAT_KEY = 'wf-sec-chat-key-9';
const CHAT_SIGN = 'wf-sec-chat-sign-0';

describe('request helpers against hostile servers', () => {
	let hostile: Awaited<ReturnType<typeof server>>;
	let harness: WorkflowHarness;

	beforeAll(async () => {
		hostile = await server((req, res, body) => {
			const url = req.url ?? '';
			const [, mode] = url.split('/');
			const rest = url.slice(mode.length + 1);
			if (mode === 'hang') return;
			if (mode === 'signin307') return redirect(res, 307, `http://127.0.0.1:9/${rest}`);
			if (rest === '/service/cloud/auth')
				return json(res, 200, { code: 200, data: { token: TOKEN } });
			if (mode === 'api302') return redirect(res, 302, 'http://127.0.0.1:9/elsewhere');
			// echoes what it received, as a careless server might
			return json(res, 400, {
				code: 400,
				message: `bad request: ${JSON.stringify(req.headers)} ${body}`,
			});
		});
		harness = new WorkflowHarness({
			nodeTypes: { [AIRUDDER_TYPE]: new Airudder(), [CHATBOT_TYPE]: new AirudderChatbot() },
			credentialTypes: [new AirudderApi(), new AirudderChatbotApi()],
		});
	});
	afterAll(async () => {
		await harness.close();
		await hostile.close();
	});

	const voice = async (mode: string, extra: IDataObject = {}) => {
		harness.setCredentials('airudderApi', {
			appKey: APP_KEY,
			appSecret: APP_SECRET,
			baseUrl: `${hostile.url}/${mode}`,
			...extra,
		});
		return await harness.run(
			itemsWorkflow(
				{
					type: AIRUDDER_TYPE,
					name: 'AIRudder',
					credentials: { airudderApi: { id: 'c1', name: 'c1' } },
				},
				{ resource: 'robot', operation: 'getAll' },
			),
		);
	};
	const chatbot = async (mode: string, extra: IDataObject = {}) => {
		harness.setCredentials('airudderChatbotApi', {
			apiKey: CHAT_KEY,
			signSecret: CHAT_SIGN,
			baseUrl: `${hostile.url}/${mode}`,
			...extra,
		});
		return await harness.run(
			itemsWorkflow(
				{
					type: CHATBOT_TYPE,
					name: 'Chatbot',
					credentials: { airudderChatbotApi: { id: 'c2', name: 'c2' } },
				},
				{ resource: 'message', operation: 'getAll', callId: 'call-1' },
			),
		);
	};
	/** Everything of an error a user or a log could see, cause included. */
	const exposed = (error: unknown) => {
		const e = error as IDataObject & Error;
		return JSON.stringify({ ...e, message: e.message, description: e.description, cause: e.cause });
	};
	const expectNoSecret = (error: unknown) => {
		for (const value of [APP_KEY, APP_SECRET, TOKEN, CHAT_KEY, CHAT_SIGN])
			expect(exposed(error)).not.toContain(value);
	};

	it('refuses a redirected sign-in and a redirected API call, naming the redirect', async () => {
		const signIn = await voice('signin307');
		expect(signIn.error?.message).toMatch(/sign-in .* redirect \(HTTP 307\)/);
		expectNoSecret(signIn.error);
		const api = await voice('api302');
		expect(api.error?.message).toMatch(/redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:9\./);
		expectNoSecret(api.error);
		// a redirect is an answer: not retried
		expect(hostile.seen.filter((r) => r.url === '/api302/service/cloud/robot')).toHaveLength(1);
	});

	it('gives up a sign-in and a chatbot request that get no answer after the Request Timeout', async () => {
		const signIn = await voice('hang', { timeout: 1 });
		expect(signIn.error?.message).toMatch(/sign-in at \/service\/cloud\/auth failed: .*time/i);
		expectNoSecret(signIn.error);
		const chat = await chatbot('hang', { timeout: 1 });
		expect(chat.error?.message).toMatch(
			/AIRudder POST \/api\/v1\/session\/messages failed: .*time/i,
		);
		expectNoSecret(chat.error);
	}, 60_000);

	it('scrubs the credential values AIRudder echoes into its message', async () => {
		const api = await voice('echo');
		expect(api.error?.message).toMatch(/code 400: bad request: .*\[redacted\]/);
		expectNoSecret(api.error);
		const chat = await chatbot('echo');
		expect(chat.error?.message).toMatch(/code 400: bad request: .*\[redacted\]/);
		expectNoSecret(chat.error);
	});
});
