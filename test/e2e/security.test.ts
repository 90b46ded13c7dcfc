/**
 * Security in a REAL n8n 2.41.1 (issue 11), over real HTTP on 127.0.0.1 only:
 * - credentials never leave the Base URL's host: a hostile Base URL answers the sign-in (307), the
 *   API (302), the chatbot API (307) and a recording file (302) with redirects to a collector on
 *   another loopback port, which must never see a credential value;
 * - recording links come from link fields only (an echoed Comments URL is not fetched);
 * - sign-in and chatbot requests give up after the credential's Request Timeout;
 * - the AIRudder Callback credential's query-parameter secret works at the Production URL
 *   (200 + one execution; wrong or missing secret 401, no execution) and stays out of n8n's log;
 * - a callback whose run failed ("When Last Node Finishes") starts a new execution when AIRudder
 *   sends it again (the duplicate window remembers only callbacks answered 2xx).
 */
import got from 'got';
import type { IDataObject, INode } from 'n8n-workflow';

import { json, redirect, server } from '../support/hostile';
import { ensureN8nRuntime, N8nInstance, nodeOutput, type WorkflowJson } from '../support/n8n';

const ROOT = `${__dirname}/../..`;
const APP_KEY = 'sec-app-key-AK47';
const APP_SECRET = 'sec-app-secret-XZ93';
const TOKEN = 'sec-token-QW1234567';
const CHAT_KEY = 'sec-chat-key-7771';
const CHAT_SIGN = 'sec-chat-sign-8882';
const QUERY_SECRET = 'q-secret-5Jd8_x';
const VALUES = [APP_KEY, APP_SECRET, TOKEN, CHAT_KEY, CHAT_SIGN];
const AUDIO = Buffer.from('RIFF-fake-wav-bytes');

const node = (name: string, type: string, x: number, extra: Partial<INode>): INode => ({
	id: `5ec0${x}000-0000-4000-8000-000000000000`,
	name,
	type,
	typeVersion: 1,
	position: [x * 220, 0],
	parameters: {},
	...extra,
});

const voiceCred = (id: string) => ({ airudderApi: { id, name: id } });
const chatCred = (id: string) => ({ airudderChatbotApi: { id, name: id } });

/** Manual Trigger → each given node (a branch each, errors continued as output). */
function fanOut(id: string, targets: INode[]): WorkflowJson {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', 0, {});
	return {
		id,
		name: id,
		settings: { executionOrder: 'v1' },
		nodes: [
			start,
			...targets.map((target) => ({ ...target, onError: 'continueRegularOutput' as const })),
		],
		connections: {
			Start: { main: [targets.map((target) => ({ node: target.name, type: 'main', index: 0 }))] },
		},
	};
}

const robots = (name: string, cred: string, x: number) =>
	node(name, 'n8n-nodes-airudder.airudder', x, {
		parameters: { resource: 'robot', operation: 'getAll' },
		credentials: voiceCred(cred),
	});
const chatMessages = (name: string, cred: string, x: number) =>
	node(name, 'n8n-nodes-airudder.airudderChatbot', x, {
		parameters: { resource: 'message', operation: 'getAll', callId: 'call-1' },
		credentials: chatCred(cred),
	});

describe('security in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;
	let collector: Awaited<ReturnType<typeof server>>;
	let hostile: Awaited<ReturnType<typeof server>>;
	const hookId = 'b7e2a1c4-0d3f-4c5e-9a8b-1c2d3e4f5a6b';
	const failingHookId = 'c8f3b2d5-1e4a-4d6f-8b9c-2d3e4f5a6b7c';

	beforeAll(async () => {
		await ensureN8nRuntime();
		collector = await server((req, res) => {
			if (req.url?.startsWith('/storage/')) {
				res.writeHead(200, { 'Content-Type': 'audio/wav' });
				res.end(AUDIO);
			} else json(res, 200, { code: 200, data: {} });
		});
		hostile = await server((req, res) => {
			const url = req.url ?? '';
			const [, mode] = url.split('/');
			const rest = url.slice(mode.length + 1);
			if (mode === 'hang') return; // never answers
			if (mode === 'signin307') return redirect(res, 307, `${collector.url}${rest}`);
			if (mode === 'chat307') return redirect(res, 307, `${collector.url}${rest}`);
			if (rest === '/service/cloud/auth')
				return json(res, 200, { code: 200, data: { token: TOKEN } });
			if (mode === 'api302') return redirect(res, 302, `${collector.url}${rest}`);
			if (mode === 'rec' && rest.startsWith('/service/cloud/case'))
				return json(res, 200, {
					code: 200,
					data: {
						TaskID: 't1',
						Callee: '+6281',
						url: `${hostile.url}/rec/files/a%zz.wav`,
						Comments: `${collector.url}/internal/secret-page`,
					},
				});
			if (mode === 'rec' && rest.startsWith('/files/'))
				return redirect(res, 302, `${collector.url}/storage/a.wav`);
			json(res, 404, { code: 404 });
		});
		n8n = new N8nInstance({ packageDir: ROOT });
		const voice = (id: string, mode: string, extra: IDataObject = {}) => ({
			id,
			name: id,
			type: 'airudderApi',
			data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: `${hostile.url}/${mode}`, ...extra },
		});
		const chat = (id: string, mode: string, extra: IDataObject = {}) => ({
			id,
			name: id,
			type: 'airudderChatbotApi',
			data: {
				apiKey: CHAT_KEY,
				signSecret: CHAT_SIGN,
				baseUrl: `${hostile.url}/${mode}`,
				...extra,
			},
		});
		await n8n.importCredentials([
			voice('secSignIn307', 'signin307'),
			voice('secApi302', 'api302'),
			voice('secRec', 'rec'),
			voice('secHang', 'hang', { timeout: 2 }),
			chat('secChat307', 'chat307'),
			chat('secChatHang', 'hang', { timeout: 2 }),
			{
				id: 'secCallbackQuery',
				name: 'AIRudder Callback (query)',
				type: 'airudderCallbackApi',
				data: { carriedIn: 'query', queryName: 'secret', secretValue: QUERY_SECRET },
			},
		]);
		const trigger = (webhookId: string, x: number, extra: Partial<INode>) =>
			node('AIRudder Trigger', 'n8n-nodes-airudder.airudderTrigger', x, {
				typeVersion: 1.1,
				webhookId,
				...extra,
			});
		await n8n.importWorkflow([
			fanOut('secRedirects', [
				robots('SignIn307', 'secSignIn307', 1),
				robots('Api302', 'secApi302', 2),
				chatMessages('Chat307', 'secChat307', 3),
				node('Recording', 'n8n-nodes-airudder.airudder', 4, {
					parameters: {
						resource: 'recording',
						operation: 'getCallRecording',
						taskId: 't1',
						callee: '+6281',
					},
					credentials: voiceCred('secRec'),
				}),
			]),
			fanOut('secTimeouts', [
				robots('SignInHang', 'secHang', 1),
				chatMessages('ChatHang', 'secChatHang', 2),
			]),
			{
				id: 'secQueryHook',
				name: 'secQueryHook',
				settings: { executionOrder: 'v1' },
				connections: {},
				nodes: [
					trigger(hookId, 0, {
						credentials: {
							airudderCallbackApi: { id: 'secCallbackQuery', name: 'AIRudder Callback (query)' },
						},
					}),
				],
			},
			{
				id: 'secFailingHook',
				name: 'secFailingHook',
				settings: { executionOrder: 'v1' },
				nodes: [
					trigger(failingHookId, 0, {
						parameters: { responseMode: 'lastNode', options: { dedupeWindow: 300 } },
					}),
					node('Fail', 'n8n-nodes-base.stopAndError', 1, {
						parameters: { errorMessage: 'the workflow failed on purpose' },
					}),
				],
				connections: {
					'AIRudder Trigger': { main: [[{ node: 'Fail', type: 'main', index: 0 }]] },
				},
			},
		]);
		await n8n.publishWorkflow('secQueryHook');
		await n8n.publishWorkflow('secFailingHook');
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await hostile?.close();
		await collector?.close();
	}, 60_000);

	test('no credential value reaches another host: redirects are refused, downloads authenticate only on the Base URL origin', async () => {
		const result = await n8n.execute('secRedirects');
		const error = (name: string) => String(nodeOutput(result, name)[0]?.error ?? '');
		expect(error('SignIn307')).toMatch(/sign-in .*redirect \(HTTP 307\)/);
		expect(error('Api302')).toMatch(/redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+/);
		expect(error('Chat307')).toMatch(/redirect \(HTTP 307\)/);

		// The recording: its link (on the Base URL's origin) redirects to the collector, which
		// serves the file without any credential; the Comments URL is not a link field.
		const [recording] = result.data.resultData.runData.Recording[0].data!.main[0]!;
		expect(recording.json.urls).toEqual([`${hostile.url}/rec/files/a%zz.wav`]);
		expect(recording.binary?.data).toMatchObject({ fileName: 'a%zz.wav', mimeType: 'audio/wav' });
		expect(collector.seen.map((r) => r.url)).toEqual(['/storage/a.wav']);
		expect(collector.seen[0].headers.authorization).toBeUndefined();
		// The first hop, on the Base URL's origin, did carry the token.
		const hop = hostile.seen.find((r) => r.url.startsWith('/rec/files/'));
		expect(hop?.headers.authorization).toBe(`Token ${TOKEN}`);

		const everything = JSON.stringify(collector.seen);
		for (const value of VALUES) expect(everything).not.toContain(value);
		// ...nor in what n8n stored for the failed nodes.
		const stored = JSON.stringify(result.data);
		for (const value of [APP_SECRET, TOKEN, CHAT_KEY, CHAT_SIGN])
			expect(stored).not.toContain(value);
	}, 180_000);

	test('the sign-in and chatbot requests give up after the Request Timeout', async () => {
		const result = await n8n.execute('secTimeouts');
		const error = (name: string) => String(nodeOutput(result, name)[0]?.error ?? '');
		expect(error('SignInHang')).toMatch(/sign-in .*failed: .*(timeout|ECONNABORTED)/i);
		expect(error('ChatHang')).toMatch(/failed: .*(timeout|time.?out|ECONNABORTED)/i);
		expect(hostile.seen.filter((r) => r.url.startsWith('/hang/')).length).toBeGreaterThanOrEqual(2);
	}, 120_000);

	describe('with the n8n server running', () => {
		const count = async (workflowId: string) =>
			(await n8n.executions()).filter((row) => row.workflowId === workflowId).length;
		const post = (url: string, body: object) =>
			got.post(url, { json: body, throwHttpErrors: false, retry: { limit: 0 } });

		beforeAll(async () => {
			await n8n.start();
		}, 180_000);

		test('the query-parameter secret works at the Production URL and stays out of the log', async () => {
			const url = n8n.webhookUrl(hookId, 'airudder');
			const wrong = await post(`${url}?secret=not-it`, { workflow_id: 'w1' });
			const missing = await post(url, { workflow_id: 'w1' });
			expect([wrong.statusCode, missing.statusCode]).toEqual([401, 401]);
			const ok = await post(`${url}?secret=${QUERY_SECRET}`, { workflow_id: 'w1' });
			expect([ok.statusCode, ok.body]).toEqual([200, '{}']);
			await n8n.waitForExecution((row) => row.workflowId === 'secQueryHook');
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(await count('secQueryHook')).toBe(1);
			expect(n8n.logs()).not.toContain(QUERY_SECRET);
		}, 60_000);

		test('a callback whose run failed starts a new execution when sent again', async () => {
			const url = n8n.webhookUrl(failingHookId, 'airudder');
			const body = { workflow_id: 'w-retry', seq: 1 };
			const first = await post(url, body);
			expect(first.statusCode).toBeGreaterThanOrEqual(500);
			await n8n.waitForExecution((row) => row.workflowId === 'secFailingHook');
			const again = await post(url, body);
			expect(again.statusCode).toBeGreaterThanOrEqual(500);
			const deadline = Date.now() + 30_000;
			while ((await count('secFailingHook')) < 2 && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 300));
			expect(await count('secFailingHook')).toBe(2);
		}, 60_000);
	});
});
