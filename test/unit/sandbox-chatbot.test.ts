import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CHATBOT_ROUTES, handleChatbot } from '../../sandbox/chatbot';
import { HUAWEI_MESSAGE_EXAMPLE, SEED_000_BODY } from '../fixtures/chatbot-examples';

const API_KEY = 'unit-chatbot-key';

interface Answer {
	status: number;
	contentType?: string;
	body: Record<string, unknown>;
}

describe('sandbox chatbot handler', () => {
	let server: http.Server;
	let base: string;
	beforeAll(async () => {
		// A tiny server that uses the handler the way sandbox/server.ts will: read the body, try the
		// chatbot routes, fall back to its own 404.
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				if (!handleChatbot(req, res, Buffer.concat(chunks).toString('utf8'), { apiKey: API_KEY })) {
					res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"fallback":true}');
				}
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	async function call(
		path: string,
		body: unknown,
		headers: Record<string, string> = {},
		method = 'POST',
	): Promise<Answer> {
		const response = await fetch(`${base}${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				'X-AIRudder-Sign-Key': API_KEY,
				'X-AIRudder-Sign': '',
				...headers,
			},
			body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		return {
			status: response.status,
			contentType: response.headers.get('content-type') ?? undefined,
			body: (await response.json()) as Record<string, unknown>,
		};
	}

	test('accepts the seed-000 example and answers the documented envelope with a task_id', async () => {
		const answer = await call('/api/v1/template/send', SEED_000_BODY);
		expect(answer.status).toBe(200);
		expect(answer.contentType).toMatch(/^application\/json/);
		expect(Object.keys(answer.body)).toEqual(['request_id', 'code', 'message', 'data']);
		expect(answer.body).toMatchObject({
			code: 200,
			message: 'Success',
			data: { task_id: expect.stringMatching(/^[0-9a-f]{32}$/) },
		});
		expect(answer.body.request_id).toMatch(/^[0-9a-f]{32}$/);
	});

	test('template is optional and unknown extra fields are not refused', async () => {
		const { template: _template, ...withoutTemplate } = SEED_000_BODY;
		expect((await call('/api/v1/template/send', withoutTemplate)).body.code).toBe(200);
		expect((await call('/api/v1/template/send', { ...SEED_000_BODY, extra: 1 })).body.code).toBe(
			200,
		);
	});

	test.each<[string, Record<string, unknown>, string]>([
		['template_id missing', { template_id: undefined }, 'template_id is required'],
		['template_id as a string', { template_id: '28' }, 'template_id must be an integer'],
		['timestamp with decimals', { timestamp: 1668112245.5 }, 'timestamp must be an integer'],
		[
			'timestamp in milliseconds',
			{ timestamp: 1668112245000 },
			'timestamp must be Unix seconds (this looks like milliseconds) [sandbox check]',
		],
		[
			'channel in lower case',
			{ channel: 'whatsapp' },
			'channel must be "WhatsApp" (got "whatsapp")',
		],
		['channel missing', { channel: undefined }, 'channel is required'],
		['channel_id as a number', { channel_id: 62895422536400 }, 'channel_id must be a string'],
		['receivers empty', { receivers: [] }, 'receivers is required'],
		['receivers as an object', { receivers: { id: '1' } }, 'receivers must be an array'],
		[
			'a receiver that is a string',
			{ receivers: ['8613112345678'] },
			'receivers[0] must be an object',
		],
		[
			'a receiver id as a number',
			{ receivers: [{ id: '1' }, { id: 8613112345678 }] },
			'receivers[1].id must be a string',
		],
		['template as an object', { template: { variable: {} } }, 'template must be an array'],
		[
			'a variable value as a number',
			{ template: [{ variable: { amount: 5 } }] },
			'template[0].variable.amount must be a string',
		],
		['custom as an object', { custom: { robot_id: 3927 } }, 'custom must be a string'],
		['custom missing', { custom: '' }, 'custom is required'],
		[
			'custom not JSON',
			{ custom: 'robot_id=3927' },
			'custom must be a JSON object written as a string, e.g. "{\\"robot_id\\":3927}" [sandbox check]',
		],
	])(
		'refuses %s under HTTP 200 with code 400 naming the field',
		async (_label, change, message) => {
			const answer = await call('/api/v1/template/send', { ...SEED_000_BODY, ...change });
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ code: 400, message, data: null });
			expect(answer.body.request_id).toMatch(/^[0-9a-f]{32}$/);
		},
	);

	test('checks X-AIRudder-Sign-Key, not X-AIRudder-Sign', async () => {
		expect(
			await call('/api/v1/template/send', SEED_000_BODY, { 'X-AIRudder-Sign-Key': 'wrong' }),
		).toMatchObject({
			status: 401,
			body: { code: 401, message: 'X-AIRudder-Sign-Key is not a known API key' },
		});
		const response = await fetch(`${base}/api/v1/template/send`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(SEED_000_BODY),
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({
			code: 401,
			message: 'X-AIRudder-Sign-Key header is missing',
		});
		expect(
			(await call('/api/v1/template/send', SEED_000_BODY, { 'X-AIRudder-Sign': 'anything' })).body
				.code,
		).toBe(200);
	});

	test('refuses other methods, other content types and bodies that are not JSON objects', async () => {
		expect(await call('/api/v1/template/send', undefined, {}, 'GET')).toMatchObject({
			status: 405,
			body: { code: 405 },
		});
		expect(
			(await call('/api/v1/template/send', SEED_000_BODY, { 'Content-Type': 'text/plain' })).body,
		).toMatchObject({ code: 400, message: 'Content-Type must be application/json' });
		expect((await call('/api/v1/template/send', '{"template_id": 28,')).body).toMatchObject({
			code: 400,
			message: 'body is not valid JSON',
		});
		expect((await call('/api/v1/template/send', [SEED_000_BODY])).body).toMatchObject({
			code: 400,
			message: 'body must be a JSON object',
		});
	});

	test('session/messages answers both documented request variants with the example list, cut to size', async () => {
		const plain = await call('/api/v1/session/messages', {
			call_id: '7738ff156ad12075578af25c84908567',
			last_msg_id: '',
			size: 20,
		});
		expect(plain.body).toMatchObject({ code: 200, message: 'Success' });
		expect((plain.body.data as Array<{ msg_id: string }>).map((m) => m.msg_id)).toEqual([
			'b1666ac1514d9e7bbd863319668dc5b9',
			'aab80ee4b49c4d179db2a7202d25b9c2',
			'9fec57b9bd3cbf762a18d0c03afb9394',
		]);
		const typed = await call('/api/v1/session/messages', {
			call_id: '7738ff156ad12075578af25c84908567',
			last_msg_id: '',
			size: 2,
			type: 'single',
		});
		expect(typed.body.data).toHaveLength(2);
		const next = await call('/api/v1/session/messages', {
			call_id: 'c',
			last_msg_id: 'b1666ac1514d9e7bbd863319668dc5b9',
			size: 20,
		});
		expect((next.body.data as Array<{ msg_id: string }>).map((m) => m.msg_id)).toEqual([
			'aab80ee4b49c4d179db2a7202d25b9c2',
			'9fec57b9bd3cbf762a18d0c03afb9394',
		]);
		expect(
			(await call('/api/v1/session/messages', { call_id: 'c', size: '20' })).body,
		).toMatchObject({ code: 400, message: 'size must be an integer' });
	});

	test('huawei/message accepts the documented example and checks field types', async () => {
		const example = HUAWEI_MESSAGE_EXAMPLE;
		expect((await call('/api/v1/channel/huawei/message', example)).body).toMatchObject({
			code: 200,
			message: 'Success',
			data: {},
		});
		expect(
			(await call('/api/v1/channel/huawei/message', { ...example, user: 'nick' })).body,
		).toMatchObject({ code: 400, message: 'user must be an object' });
		expect(
			(await call('/api/v1/channel/huawei/message', { ...example, messages: ['hi'] })).body,
		).toMatchObject({ code: 400, message: 'messages[0] must be an object' });
	});

	test('returns false for paths that are not chatbot routes (the server answers them)', async () => {
		expect(await call('/api/v1/process/queryTaskQian', {})).toMatchObject({
			status: 404,
			body: { fallback: true },
		});
		expect(await call('/service/cloud/v2/task', SEED_000_BODY)).toMatchObject({
			status: 404,
			body: { fallback: true },
		});
		expect(CHATBOT_ROUTES.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /api/v1/template/send',
			'POST /api/v1/session/messages',
			'POST /api/v1/channel/huawei/message',
		]);
	});

	test('a query string does not hide the route', async () => {
		expect((await call('/api/v1/template/send?x=1', SEED_000_BODY)).body.code).toBe(200);
	});
});
