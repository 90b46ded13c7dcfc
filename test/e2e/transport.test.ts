/**
 * The one request core in a REAL n8n 2.41.1 (issue 19), for every API group (voice, chatbot,
 * Predictive Dialer), over real HTTP on 127.0.0.1 only:
 * - servers that echo the request back (JSON bodies and non-JSON bodies longer than the
 *   200-character excerpt, a secret placed across the cut; the voice token fetched inside the
 *   failing request; sign-in refusals that echo the key pair): no credential value, nor any
 *   12-character piece of one, is anywhere in the stored execution;
 * - the error messages as the user sees them: no answer within the Request Timeout, an HTTP error
 *   with its status and AIRudder's message, a refused sign-in with its code and meaning, a refused
 *   redirect naming the host, a refused connection naming the origin;
 * - each credential's test against a Base URL that redirects: the collector on another port gets
 *   nothing, and the test reports the redirect.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INode } from 'n8n-workflow';

import { json, redirect, server } from '../support/hostile';
import { ensureN8nRuntime, N8nInstance, nodeOutput, type WorkflowJson } from '../support/n8n';

const ROOT = `${__dirname}/../..`;
const VOICE = { appKey: 'VoiceAppKey-7Hq2Lm9Xc4Rt', appSecret: 'VoiceAppSecret-Zp8Wn3Kd6Fy1Bv5' };
const PDS = { appKey: 'PdsAppKey-4Tg7Hj2Kl9Mn', appSecret: 'PdsAppSecret+Rf5/Yu8=Io3Pa6Sd' };
const CHAT = { apiKey: 'ChatApiKey-9Df3Gh6Jk2Lq5', signSecret: 'ChatSignSecret-1Zx4Cv7Bn0Mq' };
const PDS_AUTH = '/service/callcenter/call/predict/auth';
/** Every token the hostile server handed out. */
const tokens: string[] = [];

/** Every 12-character piece of each value. */
const pieces = (values: string[]) =>
	values.flatMap((value) =>
		Array.from({ length: value.length - 11 }, (_, i) => value.slice(i, i + 12)),
	);

/**
 * The echo of a request: 180 characters of padding, then the credential header (so the secret
 * crosses the 200-character excerpt), then all headers and the body.
 */
function echo(req: http.IncomingMessage, body: string): string {
	const key = req.headers.authorization ?? req.headers['x-airudder-sign-key'] ?? '';
	return `${'#'.repeat(180)} ${String(key)} ${JSON.stringify(req.headers)} ${body}`;
}

const node = (name: string, type: string, x: number, extra: Partial<INode>): INode => ({
	id: `7a0c${String(x).padStart(4, '0')}-0000-4000-8000-000000000000`,
	name,
	type,
	typeVersion: 1,
	position: [x * 220, 0],
	parameters: {},
	...extra,
});
const robots = (name: string, cred: string, x: number) =>
	node(name, 'n8n-nodes-airudder.airudder', x, {
		parameters: { resource: 'robot', operation: 'getAll' },
		credentials: { airudderApi: { id: cred, name: cred } },
	});
const messages = (name: string, cred: string, x: number) =>
	node(name, 'n8n-nodes-airudder.airudderChatbot', x, {
		parameters: { resource: 'message', operation: 'getAll', callId: 'call-1' },
		credentials: { airudderChatbotApi: { id: cred, name: cred } },
	});
const pdsTasks = (name: string, cred: string, x: number) =>
	node(name, 'n8n-nodes-airudder.airudderPredictiveDialer', x, {
		parameters: {
			resource: 'task',
			operation: 'getAll',
			minStartTime: '2026-01-01T00:00:00',
			maxStartTime: '2026-01-02T00:00:00',
			accountTimeZone: 'Asia/Manila',
			limit: 1,
		},
		credentials: { airudderPdsApi: { id: cred, name: cred } },
	});

/** Manual Trigger → the given nodes, one branch each; `continueOnFail` keeps every branch running. */
function flow(id: string, targets: INode[], continueOnFail: boolean): WorkflowJson {
	return {
		id,
		name: id,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
			...targets.map((target) =>
				continueOnFail ? { ...target, onError: 'continueRegularOutput' as const } : target,
			),
		],
		connections: {
			Start: { main: [targets.map((target) => ({ node: target.name, type: 'main', index: 0 }))] },
		},
	};
}

async function closedPort(): Promise<number> {
	const probe = http.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

describe('the request core in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;
	let collector: Awaited<ReturnType<typeof server>>;
	let hostile: Awaited<ReturnType<typeof server>>;
	let refusedUrl: string;

	beforeAll(async () => {
		await ensureN8nRuntime();
		collector = await server((_req, res) => json(res, 200, { code: 200, data: {} }));
		hostile = await server((req, res, body) => {
			const url = req.url ?? '';
			const [, mode] = url.split('/');
			const rest = url.slice(mode.length + 1);
			if (mode === 'hang' && !rest.endsWith('/auth')) return; // never answers
			if (mode === 'redirect') return redirect(res, 307, `${collector.url}${rest}`);
			if (mode === 'signin' && rest === '/service/cloud/auth')
				return json(res, 200, { code: 401, message: `echo: ${body}` });
			if (mode === 'signin' && rest === PDS_AUTH)
				return json(res, 200, { code: 10301, message: `echo: ${body}` });
			if (rest === '/service/cloud/auth' || rest === PDS_AUTH) {
				const token = `Tok${tokens.length}-${mode}-Qx7Mv2Lp9Ns4Kd8Rw3Jt6`;
				tokens.push(token);
				return rest === PDS_AUTH
					? json(res, 200, { code: 0, body: { token } })
					: json(res, 200, { code: 200, data: { token } });
			}
			if (mode === 'testredirect' || mode === 'api302')
				return redirect(res, mode === 'api302' ? 302 : 307, `${collector.url}${rest}`);
			if (mode === 'busy') {
				res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '0' });
				return res.end(JSON.stringify({ code: 503, message: 'maintenance' }));
			}
			if (mode === 'echojson') return json(res, 200, { code: 4242, message: echo(req, body) });
			if (mode === 'echotext') {
				res.writeHead(500, { 'Content-Type': 'text/plain' });
				return res.end(echo(req, body));
			}
			json(res, 404, { code: 404 });
		});
		refusedUrl = `http://127.0.0.1:${await closedPort()}`;
		n8n = new N8nInstance({ packageDir: ROOT });
		const at = (mode: string) => `${hostile.url}/${mode}`;
		const cred =
			(type: string, data: object) =>
			(id: string, baseUrl: string, extra = {}) => ({
				id,
				name: id,
				type,
				data: { ...data, baseUrl, ...extra },
			});
		const voice = cred('airudderApi', VOICE);
		const chat = cred('airudderChatbotApi', CHAT);
		const pds = cred('airudderPdsApi', PDS);
		await n8n.importCredentials([
			voice('vEchoJson', at('echojson')),
			voice('vEchoText', at('echotext')),
			voice('vSignIn', at('signin')),
			voice('vHang', at('hang'), { timeout: 2 }),
			voice('vBusy', at('busy')),
			voice('vRefused', refusedUrl),
			chat('cEchoJson', at('echojson')),
			chat('cEchoText', at('echotext')),
			chat('cBusy', at('busy')),
			chat('cRefused', refusedUrl),
			pds('pEchoJson', at('echojson')),
			pds('pEchoText', at('echotext')),
			pds('pSignIn', at('signin')),
			pds('pHang', at('hang'), { timeout: 2 }),
			pds('p302', at('api302')),
			voice('airudderApi-redirect', at('testredirect')),
			chat('airudderChatbotApi-redirect', at('testredirect')),
			pds('airudderPdsApi-redirect', at('testredirect')),
		]);
		await n8n.importWorkflow([
			flow('tEchoVoiceJson', [robots('Voice', 'vEchoJson', 1)], false),
			flow('tEchoVoiceText', [robots('Voice', 'vEchoText', 1)], false),
			flow('tEchoVoiceSignIn', [robots('Voice', 'vSignIn', 1)], false),
			flow('tEchoChatJson', [messages('Chat', 'cEchoJson', 1)], false),
			flow('tEchoChatText', [messages('Chat', 'cEchoText', 1)], false),
			flow('tEchoPdsJson', [pdsTasks('PDS', 'pEchoJson', 1)], false),
			flow('tEchoPdsText', [pdsTasks('PDS', 'pEchoText', 1)], false),
			flow('tEchoPdsSignIn', [pdsTasks('PDS', 'pSignIn', 1)], false),
			flow(
				'tMessages',
				[
					robots('VoiceHang', 'vHang', 1),
					robots('VoiceBusy', 'vBusy', 2),
					robots('VoiceRefused', 'vRefused', 3),
					messages('ChatBusy', 'cBusy', 4),
					messages('ChatRefused', 'cRefused', 5),
					pdsTasks('PdsSignIn', 'pSignIn', 6),
					pdsTasks('PdsHang', 'pHang', 7),
					pdsTasks('Pds302', 'p302', 8),
				],
				true,
			),
		]);
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await hostile?.close();
		await collector?.close();
	}, 60_000);

	/** Everything n8n stored of the workflow's last execution (entity and data rows, raw). */
	async function stored(workflowId: string): Promise<string> {
		const rows = await n8n.query(
			'SELECT e.*, d.* FROM execution_entity e JOIN execution_data d ON d.executionId = e.id ' +
				'WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
			workflowId,
		);
		expect(rows).toHaveLength(1);
		return JSON.stringify(rows);
	}

	test.each([
		[
			'tEchoVoiceJson',
			'a voice answer (HTTP 200, JSON) echoing a token fetched inside the request',
		],
		[
			'tEchoVoiceText',
			'a voice answer (HTTP 500, text) echoing a token fetched inside the request',
		],
		['tEchoVoiceSignIn', 'a voice sign-in refusal echoing the key pair'],
		['tEchoChatJson', 'a chatbot answer (HTTP 200, JSON) echoing the key headers'],
		['tEchoChatText', 'a chatbot answer (HTTP 500, text) echoing the key headers'],
		['tEchoPdsJson', 'a PDS answer (HTTP 200, JSON) echoing the token'],
		['tEchoPdsText', 'a PDS answer (HTTP 500, text) echoing the token'],
		['tEchoPdsSignIn', 'a PDS sign-in refusal echoing the form-encoded key pair'],
	])(
		'%s: %s leaves no credential value, nor a 12-character piece of one, in the stored execution',
		async (workflowId) => {
			const before = hostile.seen.length;
			const result = await n8n.execute(workflowId);
			expect(result.status).toBe('error');
			// the echo did carry the secrets
			expect(hostile.seen.length).toBeGreaterThan(before);
			const everything = await stored(workflowId);
			// the echo is stored (scrubbed)
			expect(everything).toMatch(/#####|echo: /);
			const secrets = [...Object.values(VOICE), ...Object.values(PDS), ...Object.values(CHAT)];
			for (const piece of pieces([...secrets, ...tokens])) expect(everything).not.toContain(piece);
			for (const value of secrets) expect(everything).not.toContain(encodeURIComponent(value));
		},
		120_000,
	);

	test('the error messages say what happened, in every API group', async () => {
		await n8n.execute('tMessages');
		const [{ id }] = await n8n.query<{ id: number }>(
			"SELECT id FROM execution_entity WHERE workflowId = 'tMessages' ORDER BY id DESC LIMIT 1",
		);
		const run = await n8n.executionRun(id);
		const error = (name: string) => String(nodeOutput(run, name)[0]?.error ?? '');
		expect(error('VoiceHang')).toBe(
			'AIRudder GET /service/cloud/robot failed: no answer within 2 s (Request Timeout)',
		);
		expect(error('PdsHang')).toBe(
			'Item 0: AIRudder PDS POST /service/callcenter/call/predict/querytasklist failed: no answer within 2 s (Request Timeout)',
		);
		expect(error('VoiceBusy')).toBe(
			'AIRudder answered GET /service/cloud/robot with HTTP 503, code 503: maintenance',
		);
		expect(error('ChatBusy')).toBe(
			'AIRudder answered POST /api/v1/session/messages with HTTP 503, code 503: maintenance',
		);
		expect(error('PdsSignIn')).toMatch(
			/^Item 0: AIRudder PDS refused the APPKey\/APPSecret: 10301 Invalid app key/,
		);
		expect(error('Pds302')).toMatch(
			new RegExp(
				`querytasklist was answered with a redirect \\(HTTP 302\\) to ${collector.url.replace(/\./g, '\\.')}\\.`,
			),
		);
		expect(error('ChatRefused')).toBe(
			`AIRudder POST /api/v1/session/messages failed: ${refusedUrl} refused the connection (check the Base URL: scheme, host and port)`,
		);
		expect(error('VoiceRefused')).toBe(
			`AIRudder's sign-in at /service/cloud/auth failed: ${refusedUrl} refused the connection (check the Base URL: scheme, host and port)`,
		);
		expect(collector.seen).toEqual([]);
	}, 180_000);

	describe('with the n8n server running', () => {
		beforeAll(async () => {
			await n8n.start();
			await n8n.login();
		}, 180_000);

		test.each([
			['airudderApi', VOICE],
			['airudderChatbotApi', CHAT],
			['airudderPdsApi', PDS],
		])(
			"the %s credential's test refuses a redirecting Base URL",
			async (type, data) => {
				const before = collector.seen.length;
				const answer = await n8n.rest<{ data: { status: string; message: string } }>(
					'POST',
					'/credentials/test',
					{
						credentials: {
							id: `${type}-redirect`,
							name: `${type}-redirect`,
							type,
							data: { ...data, baseUrl: `${hostile.url}/testredirect` } as IDataObject,
						},
					},
				);
				expect(collector.seen.slice(before)).toEqual([]);
				expect(answer.data.status).toBe('Error');
				// n8n words the refused 307 with its status text
				expect(answer.data.message).toBe('Temporary Redirect');
			},
			60_000,
		);
	});
});
