import type { IDataObject } from 'n8n-workflow';
import { Readable } from 'node:stream';

/**
 * The incoming webhook call, as a test describes it. n8n's webhook server parses the body before
 * the node runs (`req.body`, plus `req.rawBody` as a Buffer), which is what this reproduces.
 */
export interface HarnessWebhookRequest {
	/** Default `POST`, or the webhook description's method. */
	method?: string;
	/** Header names are lower-cased like Node's `IncomingMessage.headers`. */
	headers?: Record<string, string | string[]>;
	/** Parsed body (`req.body`). A string/Buffer body is kept as given. Default `{}`. */
	body?: unknown;
	/** Raw bytes (`req.rawBody`); default: `JSON.stringify(body)` for objects, the body itself for strings/Buffers. */
	rawBody?: Buffer | string;
	query?: IDataObject;
	params?: IDataObject;
	/** Client address (`req.ip`); default `127.0.0.1`. */
	ip?: string;
	/** Request path after the host; default `/webhook/<path>`. */
	url?: string;
}

/**
 * Minimal express-like `Request`: the fields n8n nodes read (`headers`, `body`, `rawBody`, `ip`,
 * `ips`, `method`, `query`, `params`, `url`, `path`, `get()`/`header()`), on top of a readable
 * stream of the raw body (for nodes that `pipe` the request).
 */
export function createFakeRequest(
	input: HarnessWebhookRequest,
	defaultMethod: string,
	defaultUrl: string,
) {
	const headers: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(input.headers ?? {}))
		headers[key.toLowerCase()] = value;
	const body = input.body ?? {};
	const rawBody =
		input.rawBody !== undefined
			? Buffer.from(input.rawBody)
			: Buffer.isBuffer(body)
				? body
				: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	if (headers['content-type'] === undefined && typeof body === 'object' && !Buffer.isBuffer(body)) {
		headers['content-type'] = 'application/json';
	}
	const url = input.url ?? defaultUrl;
	const stream = Readable.from([rawBody]);
	const ip = input.ip ?? '127.0.0.1';
	const getHeader = (name: string) => headers[name.toLowerCase()];
	return Object.assign(stream, {
		method: (input.method ?? defaultMethod).toUpperCase(),
		headers,
		body,
		rawBody,
		query: input.query ?? {},
		params: input.params ?? {},
		ip,
		ips: [ip],
		url,
		originalUrl: url,
		path: url.split('?')[0],
		socket: { remoteAddress: ip },
		get: getHeader,
		header: getHeader,
	});
}

/** What the node did with the response object (when it answers itself, e.g. `noWebhookResponse`). */
export interface FakeWebhookResponse {
	statusCode: number;
	headers: Record<string, string | number | string[]>;
	/** What was passed to `send`/`json`/`end`/`write` (last call wins for send/json/end). */
	body: unknown;
	ended: boolean;
	headersSent: boolean;
	status(code: number): FakeWebhookResponse;
	setHeader(name: string, value: string | number | string[]): FakeWebhookResponse;
	set(name: string, value: string): FakeWebhookResponse;
	header(name: string, value: string): FakeWebhookResponse;
	getHeader(name: string): string | number | string[] | undefined;
	json(body: unknown): FakeWebhookResponse;
	send(body?: unknown): FakeWebhookResponse;
	write(chunk: unknown): boolean;
	end(body?: unknown): FakeWebhookResponse;
	writeHead(code: number, headers?: Record<string, string>): FakeWebhookResponse;
	on(event: string, listener: (...args: unknown[]) => void): FakeWebhookResponse;
	once(event: string, listener: (...args: unknown[]) => void): FakeWebhookResponse;
}

/** Minimal express-like `Response` that records status, headers and body. */
export function createFakeResponse(): FakeWebhookResponse {
	const res: FakeWebhookResponse = {
		statusCode: 200,
		headers: {},
		body: undefined,
		ended: false,
		headersSent: false,
		status(code) {
			res.statusCode = code;
			return res;
		},
		setHeader(name, value) {
			res.headers[name.toLowerCase()] = value;
			return res;
		},
		set(name, value) {
			return res.setHeader(name, value);
		},
		header(name, value) {
			return res.setHeader(name, value);
		},
		getHeader(name) {
			return res.headers[name.toLowerCase()];
		},
		json(body) {
			res.setHeader('content-type', 'application/json');
			return res.end(body);
		},
		send(body) {
			return res.end(body);
		},
		write(chunk) {
			res.headersSent = true;
			res.body = res.body === undefined ? chunk : [res.body, chunk].flat();
			return true;
		},
		end(body) {
			if (body !== undefined) res.body = body;
			res.ended = true;
			res.headersSent = true;
			return res;
		},
		writeHead(code, headers = {}) {
			res.statusCode = code;
			for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
			res.headersSent = true;
			return res;
		},
		on() {
			return res;
		},
		once() {
			return res;
		},
	};
	return res;
}
