import type { IncomingMessage, ServerResponse } from 'node:http';

import { DEFAULT_CHATBOT_API_KEY, hexId } from './state';

export { DEFAULT_CHATBOT_API_KEY };

/**
 * The chatbot (WhatsApp / WABA) part of the sandbox: `POST /api/v1/template/send`,
 * `/api/v1/session/messages` and `/api/v1/channel/huawei/message`
 * (shared/airudder-api/chatbot.openapi.yaml). The server records the request and plays faults;
 * this file only answers.
 *
 * Documented: the headers `X-AIRudder-Sign-Key` (API key) and `X-AIRudder-Sign`; the envelope
 * `{request_id, code, message, data}` with `code` 200 / `message` "Success"; the full body of
 * template/send (seed 000) and its answer `data.task_id`; the examples of the two other endpoints.
 *
 * ILLUSTRATIVE (the docs show no error bodies and no error-code table): every error answer is the
 * same envelope with `data: null` and the sandbox's own codes — HTTP 401 / code 401 for a missing
 * or unknown API key, HTTP 405 / code 405 for a method other than POST, and HTTP 200 / code 400
 * (AIRudder can answer failures under HTTP 200) for a body that breaks a rule, naming the field.
 * `X-AIRudder-Sign` is NOT checked: its algorithm is not documented and every documented example
 * sends it empty.
 */

/** API key the sandbox accepts when the server is given none. */

/** What the server hands the handler. */
export interface ChatbotSandboxContext {
	/** The only `X-AIRudder-Sign-Key` value accepted. */
	apiKey: string;
}

/** A chatbot answer before serialisation. */
interface ChatbotReply {
	status: number;
	body: { request_id: string; code: number; message: string; data: unknown };
}

type Body = Record<string, unknown>;

const success = (data: unknown): ChatbotReply => ({
	status: 200,
	body: { request_id: hexId(), code: 200, message: 'Success', data },
});
/** ILLUSTRATIVE error envelope (see the file comment). */
const failure = (code: number, message: string, status = 200): ChatbotReply => ({
	status,
	body: { request_id: hexId(), code, message, data: null },
});
const invalid = (field: string, problem: string): ChatbotReply =>
	failure(400, `${field} ${problem}`);

const isObject = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

type JsonType = 'string' | 'integer' | 'array' | 'object';

function typeOk(value: unknown, type: JsonType): boolean {
	if (type === 'integer') return Number.isInteger(value);
	if (type === 'array') return Array.isArray(value);
	if (type === 'object') return isObject(value);
	return typeof value === 'string';
}

/**
 * Checks fields of `body` in order: presence when required (null, '' and [] count as missing) and
 * JSON type. @returns the first failure, or undefined.
 */
function checkFields(
	body: Body,
	fields: Array<[string, JsonType, boolean]>,
	prefix = '',
): ChatbotReply | undefined {
	for (const [field, type, required] of fields) {
		const value = body[field];
		const missing =
			value === undefined ||
			value === null ||
			value === '' ||
			(Array.isArray(value) && value.length === 0);
		if (missing) {
			if (required) return invalid(`${prefix}${field}`, 'is required');
			continue;
		}
		if (!typeOk(value, type))
			return invalid(
				`${prefix}${field}`,
				`must be ${type === 'integer' ? 'an integer' : `a${type === 'array' || type === 'object' ? 'n' : ''} ${type}`}`,
			);
	}
	return undefined;
}

/** Above this, a `timestamp` is in milliseconds, not the documented seconds (sandbox's own check). */
const MAX_SECONDS = 99_999_999_999;

/**
 * `POST /api/v1/template/send` — operationId chatbotSendTemplateMessage, seed 000 (read in full).
 * Rules checked exactly as documented: template_id integer, timestamp integer, channel "WhatsApp",
 * channel_id string, receivers array (of objects; `id` a string when given), custom string — all
 * required; template optional, an array of objects whose `variable` is an object of strings.
 * Beyond the docs (the sandbox's own, marked so in the message): `custom` must hold a JSON object
 * ("fill in the json formatted string"), and a timestamp that is milliseconds is refused.
 * Answer: documented shape, `data.task_id` a fresh 32-hex id.
 */
function sendTemplate(body: Body): ChatbotReply {
	const problem = checkFields(body, [
		['template_id', 'integer', true],
		['timestamp', 'integer', true],
		['channel', 'string', true],
		['channel_id', 'string', true],
		['receivers', 'array', true],
		['template', 'array', false],
		['custom', 'string', true],
	]);
	if (problem) return problem;
	if (body.channel !== 'WhatsApp')
		return invalid('channel', `must be "WhatsApp" (got "${String(body.channel)}")`);
	if ((body.timestamp as number) > MAX_SECONDS)
		return invalid(
			'timestamp',
			'must be Unix seconds (this looks like milliseconds) [sandbox check]',
		);
	for (const [i, receiver] of (body.receivers as unknown[]).entries()) {
		if (!isObject(receiver)) return invalid(`receivers[${i}]`, 'must be an object');
		const bad = checkFields(receiver, [['id', 'string', false]], `receivers[${i}].`);
		if (bad) return bad;
	}
	for (const [i, entry] of ((body.template as unknown[] | undefined) ?? []).entries()) {
		if (!isObject(entry)) return invalid(`template[${i}]`, 'must be an object');
		const bad = checkFields(entry, [['variable', 'object', false]], `template[${i}].`);
		if (bad) return bad;
		for (const [name, value] of Object.entries((entry.variable as Body | undefined) ?? {})) {
			if (typeof value !== 'string')
				return invalid(`template[${i}].variable.${name}`, 'must be a string');
		}
	}
	let custom: unknown;
	try {
		custom = JSON.parse(body.custom as string);
	} catch {
		custom = undefined;
	}
	if (!isObject(custom))
		return invalid(
			'custom',
			'must be a JSON object written as a string, e.g. "{\\"robot_id\\":3927}" [sandbox check]',
		);
	return success({ task_id: hexId() });
}

/**
 * The first three messages of the documented example of "Query message list" (api-196358697),
 * returned for ANY conversation: ILLUSTRATIVE (the sandbox keeps no conversations).
 */
const EXAMPLE_MESSAGES = [
	{
		msg_id: 'b1666ac1514d9e7bbd863319668dc5b9',
		seat_id: '',
		timestamp: 1716969283,
		sender_type: 'user',
		status: 'delivery',
		content: { type: 'interactive', text: '女' },
		reply: {
			msg_id: '05edd4a966b14b77803c36fca1044aa7-1',
			type: 'interactive',
			interactive: {
				type: 'button',
				body: { text: '请选择您的性别(button)👉👉👉' },
				footer: { text: '' },
				action: {
					buttons: [
						{
							type: 'reply',
							reply: { id: '0b83f81b7ede2cc620b5a9cabc021855-2-1-button-0-', title: '男' },
						},
						{
							type: 'reply',
							reply: { id: '0b83f81b7ede2cc620b5a9cabc021855-2-1-button-1-', title: '女' },
						},
						{
							type: 'reply',
							reply: { id: '0b83f81b7ede2cc620b5a9cabc021855-2-1-button-2-', title: '其他' },
						},
					],
				},
			},
		},
	},
	{
		msg_id: 'aab80ee4b49c4d179db2a7202d25b9c2',
		seat_id: '',
		timestamp: 1716965209,
		sender_type: 'robot',
		status: 'read',
		content: { type: 'text', text: '正在为你转人工,请稍后。。。。。。' },
	},
	{
		msg_id: '9fec57b9bd3cbf762a18d0c03afb9394',
		seat_id: '',
		timestamp: 1716965209,
		sender_type: 'user',
		status: 'delivery',
		content: { type: 'text', text: '转人工' },
	},
];

/**
 * `POST /api/v1/session/messages` — operationId chatbotQueryMessageList (examples only; which
 * fields are required is not documented, so only the types of the known ones are checked).
 * Answer: the documented example's messages, cut to `size` and to those after `last_msg_id` when it
 * names one of them — an ILLUSTRATIVE reading of the cursor (its rule is not documented).
 */
function listMessages(body: Body): ChatbotReply {
	const problem = checkFields(body, [
		['call_id', 'string', false],
		['last_msg_id', 'string', false],
		['size', 'integer', false],
		['type', 'string', false],
	]);
	if (problem) return problem;
	const after = EXAMPLE_MESSAGES.findIndex((m) => m.msg_id === body.last_msg_id);
	const size = typeof body.size === 'number' ? body.size : EXAMPLE_MESSAGES.length;
	return success(EXAMPLE_MESSAGES.slice(after + 1, after + 1 + Math.max(0, size)));
}

/**
 * `POST /api/v1/channel/huawei/message` — operationId chatbotHuaweiUserSendMessage (request example
 * only). Types of the example's fields are checked (call_id, channel, channel_id strings; user an
 * object; messages an array of objects). The answer was not captured: ILLUSTRATIVE `data: {}`.
 */
function huaweiMessage(body: Body): ChatbotReply {
	const problem = checkFields(body, [
		['call_id', 'string', false],
		['channel', 'string', false],
		['channel_id', 'string', false],
		['user', 'object', false],
		['messages', 'array', false],
	]);
	if (problem) return problem;
	const index = ((body.messages as unknown[] | undefined) ?? []).findIndex((m) => !isObject(m));
	if (index >= 0) return invalid(`messages[${index}]`, 'must be an object');
	return success({});
}

/** The chatbot routes of the sandbox (for the server's route listing). */
export const CHATBOT_ROUTES: ReadonlyArray<{
	method: 'POST';
	path: string;
	operationId: string;
	docUrl: string;
	handler: (body: Body) => ChatbotReply;
}> = [
	{
		method: 'POST',
		path: '/api/v1/template/send',
		operationId: 'chatbotSendTemplateMessage',
		docUrl: 'shared/seeds/000_72e8569117bab1d0.txt',
		handler: sendTemplate,
	},
	{
		method: 'POST',
		path: '/api/v1/session/messages',
		operationId: 'chatbotQueryMessageList',
		docUrl: 'https://api-docs.airudder.com/api-196358697',
		handler: listMessages,
	},
	{
		method: 'POST',
		path: '/api/v1/channel/huawei/message',
		operationId: 'chatbotHuaweiUserSendMessage',
		docUrl: 'https://api-docs.airudder.com/api-185886081',
		handler: huaweiMessage,
	},
];

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

function answer(
	req: IncomingMessage,
	rawBody: string,
	ctx: ChatbotSandboxContext,
	route: (typeof CHATBOT_ROUTES)[number],
): ChatbotReply {
	if ((req.method ?? 'GET').toUpperCase() !== route.method)
		return failure(405, `${req.method ?? 'GET'} is not allowed on ${route.path}`, 405);
	const key = header(req, 'x-airudder-sign-key');
	if (!key) return failure(401, 'X-AIRudder-Sign-Key header is missing', 401);
	if (key !== ctx.apiKey) return failure(401, 'X-AIRudder-Sign-Key is not a known API key', 401);
	// The docs' examples send Content-Type: application/json (checked as the cloud routes do).
	if (!/^application\/json\b/i.test(header(req, 'content-type') ?? ''))
		return invalid('Content-Type', 'must be application/json');
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return invalid('body', 'is not valid JSON');
	}
	if (!isObject(body)) return invalid('body', 'must be a JSON object');
	return route.handler(body);
}

/**
 * Answers a chatbot request, or leaves it to the caller.
 *
 * @param req the request (method, URL and headers are read; the body is NOT read from it).
 * @param res where the answer is written (JSON, `Content-Type: application/json; charset=utf-8`).
 * @param rawBody the request body as received, already read by the server.
 * @param ctx the accepted API key.
 * @returns true when the path is one of `CHATBOT_ROUTES` (then `res` has been answered), false
 *   otherwise (nothing written). Records nothing.
 */
export function handleChatbot(
	req: IncomingMessage,
	res: ServerResponse,
	rawBody: string,
	ctx: ChatbotSandboxContext,
): boolean {
	const url = req.url ?? '/';
	const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
	const route = CHATBOT_ROUTES.find((r) => r.path === path);
	if (!route) return false;
	const reply = answer(req, rawBody, ctx, route);
	const text = JSON.stringify(reply.body);
	res
		.writeHead(reply.status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(text)),
		})
		.end(text);
	return true;
}
