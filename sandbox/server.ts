import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { handleAdmin } from './admin';
import { checkAesKey, sandboxDecrypt, sandboxEncrypt, sandboxSign } from './aes';
import { checkToken, expireTokens } from './auth';
import { fireCallback } from './callbacks';
import { fail, invalid, type JsonReply } from './envelope';
import { handleChatbot } from './chatbot';
import { addFault, playFault, takeFault } from './faults';
import { serveMedia } from './media';
import { cancelPdsTask, expirePdsTokens, handlePds, resetPds } from './pds';
import { configureQa, expireQaTokens, handleQa, qaState, resetQa } from './qa';
import { ROUTES } from './routes';
import { resolveOptions, type SandboxState } from './state';
import type { RecordedRequest, Sandbox, SandboxOptions } from './types';

export type {
	Fault,
	RecordedRequest,
	Sandbox,
	SandboxCall,
	SandboxOptions,
	SandboxTask,
	SandboxWorkflow,
} from './types';

/**
 * The AIRudder sandbox: a local AIRudder-compatible HTTP server for development and tests (never
 * shipped). It speaks the protocol documented in shared/airudder-api (token, envelope, create-task
 * rules, AES transport, callbacks); where the reference is silent, answers are ILLUSTRATIVE and
 * marked so in each handler and in sandbox/README.md.
 */

const MEDIA_PREFIX = '/__sandbox/media/';
/** Request bodies above this size are refused (a 10,000-contact task is ~2 MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

interface Decoded {
	query: Record<string, string>;
	body: unknown;
	/** Decrypted query string (GET) or body (POST); the raw text when not encrypted. */
	plaintext: string;
	/** Why decryption failed. */
	error?: string;
}

/**
 * Reads the query/body, decrypting them when the request says `Is-Encrypted: 1` and the sandbox
 * has a key. GET: the ciphertext is the whole query string (as in the docs' example, sent without
 * percent-encoding; a percent-encoded form is also accepted since the docs do not rule on it).
 * POST: the ciphertext is the body (surrounding whitespace ignored: the POST framing was cut
 * from the docs).
 */
function decode(
	state: SandboxState,
	method: string,
	rawQuery: string,
	rawBody: string,
	encrypted: boolean,
): Decoded {
	let queryText = rawQuery;
	let bodyText = rawBody;
	let error: string | undefined;
	const key = state.opts.aesKey;
	if (encrypted && key !== undefined) {
		try {
			if (method === 'GET')
				queryText = sandboxDecrypt(
					rawQuery.includes('%') ? decodeURIComponent(rawQuery) : rawQuery,
					key,
				);
			else bodyText = sandboxDecrypt(rawBody.trim(), key);
		} catch (e) {
			error = (e as Error).message;
			if (method === 'GET') queryText = '';
		}
	}
	let body: unknown;
	try {
		body = bodyText.trim() === '' ? undefined : JSON.parse(bodyText);
	} catch {
		body = undefined;
	}
	return {
		query: Object.fromEntries(new URLSearchParams(queryText)),
		body,
		plaintext: method === 'GET' ? queryText : bodyText,
		error,
	};
}

/** Writes a JSON reply; with `aesKey`, the JSON text is encrypted and signed as the docs describe. */
function send(res: ServerResponse, reply: JsonReply, aesKey?: string): void {
	const json = JSON.stringify(reply.body);
	const headers: Record<string, string> = { ...reply.headers };
	let text = json;
	if (aesKey !== undefined) {
		// Documented: response headers Is-Encrypted: 1 and Signed. The body framing is not
		// (x-missing): the sandbox sends the bare base64 text.
		text = sandboxEncrypt(json, aesKey);
		headers['Is-Encrypted'] = '1';
		headers.Signed = sandboxSign(json);
		headers['Content-Type'] = 'text/plain; charset=utf-8';
	} else {
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	headers['Content-Length'] = String(Buffer.byteLength(text));
	res.writeHead(reply.status ?? 200, headers).end(text);
}

/** AES-layer refusal: HTTP 400, code 400 (ILLUSTRATIVE body; the docs do not show one). */
const aesRefusal = (message: string): JsonReply => fail(400, message, null, 400);

/** Runs one AIRudder API call through token check, AES layer, body parsing and its route. */
function business(
	state: SandboxState,
	req: {
		method: string;
		path: string;
		headers: Record<string, string>;
		rawQuery: string;
		rawBody: string;
	},
	decodedAsReceived: Decoded,
	res: ServerResponse,
): void {
	const { method, path, headers } = req;
	const route = ROUTES.find((r) => r.path === path && r.method === method);
	if (!route) {
		// ILLUSTRATIVE: the docs do not say how unknown paths/methods are answered.
		if (ROUTES.some((r) => r.path === path))
			return send(res, fail(405, `${method} is not allowed on ${path}`, null, 405));
		return send(res, fail(404, `No such API: ${method} ${path}`, null, 404));
	}
	if (route.auth) {
		const denied = checkToken(state, headers.authorization);
		if (denied) return send(res, denied);
	}
	const key = state.opts.aesKey;
	const encrypted = headers['is-encrypted'] === '1';
	// A plain-only route (the token exchange) reads the request as received, never decrypted.
	const decoded =
		route.aes === 'none'
			? decode(state, method, req.rawQuery, req.rawBody, false)
			: decodedAsReceived;
	let aesKey: string | undefined;
	if (route.aes !== 'none' && encrypted) {
		if (key === undefined)
			return send(
				res,
				aesRefusal(
					'Is-Encrypted: 1, but this sandbox runs without an AES key (start it with --aes-key)',
				),
			);
		if (decoded.error)
			return send(res, aesRefusal(`The request cannot be decrypted: ${decoded.error}`));
		if (!headers.signed)
			return send(
				res,
				aesRefusal('Is-Encrypted: 1 needs a Signed header (SHA-256 hex of the plaintext)'),
			);
		if (headers.signed !== sandboxSign(decoded.plaintext)) {
			return send(
				res,
				aesRefusal('Signed does not match the SHA-256 (lowercase hex) of the decrypted data'),
			);
		}
		aesKey = key;
	} else if (route.aes === 'required' && key !== undefined) {
		return send(
			res,
			aesRefusal(
				'This account uses AES transport: send the query/body encrypted with Is-Encrypted: 1 and Signed',
			),
		);
	}
	// Every cloud page lists `Content-Type: application/json` as a required header. Checked on
	// plain JSON POSTs only: for encrypted bodies the docs' Content-Type was not readable.
	if (
		method === 'POST' &&
		aesKey === undefined &&
		path.startsWith('/service/cloud/') &&
		!/^application\/json\b/i.test(headers['content-type'] ?? '')
	) {
		return send(res, invalid('Content-Type', 'must be application/json'));
	}
	let body: unknown;
	if (method === 'POST' && decoded.plaintext.trim() !== '') {
		if (decoded.body === undefined) return send(res, invalid('body', 'is not valid JSON'), aesKey);
		body = decoded.body;
	}
	send(res, route.handler(state, { path, query: decoded.query, body }), aesKey);
}

/** Records the status the moment the head is written (also for faults and streamed media). */
function trackStatus(res: ServerResponse, record: RecordedRequest): void {
	const writeHead = res.writeHead;
	res.writeHead = function (
		this: ServerResponse,
		...args: Parameters<ServerResponse['writeHead']>
	) {
		record.status = args[0];
		return writeHead.apply(this, args);
	} as ServerResponse['writeHead'];
}

async function handle(
	ctx: { state: SandboxState; reset(): void },
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const { state } = ctx;
	const method = (req.method ?? 'GET').toUpperCase();
	const rawUrl = req.url ?? '/';
	const q = rawUrl.indexOf('?');
	const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
	const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
	// QA uploads carry whole recordings: read as a stream (qa.ts), never buffered here.
	if (await handleQa(state, req, res, path, flatHeaders(req))) return;
	const rawBody = await readBody(req);

	// Readiness probe and admin endpoints: not recorded, not faulted.
	if (path === '/' && method === 'GET') {
		return send(res, {
			body: {
				name: 'airudder-sandbox',
				aes: state.opts.aesKey !== undefined,
				accountUtcOffset: state.opts.accountUtcOffset,
				routes: ROUTES.map(({ method: m, path: p, operationId, docUrl }) => ({
					method: m,
					path: p,
					operationId,
					docUrl,
				})),
			},
		});
	}
	if (path.startsWith('/__sandbox/') && !path.startsWith(MEDIA_PREFIX)) {
		const port = Number(new URL(state.baseUrl).port);
		const reply = await handleAdmin(ctx, { method, path, headers: req.headers, rawBody, port });
		return send(res, reply ?? { status: 404, body: { error: `No admin route ${method} ${path}` } });
	}

	const headers = flatHeaders(req);
	const encrypted = headers['is-encrypted'] === '1';
	const decoded = decode(state, method, rawQuery, rawBody, encrypted);
	const record: RecordedRequest = {
		method,
		path,
		query: decoded.query,
		rawQuery,
		headers,
		body: method === 'GET' ? undefined : decoded.body,
		rawBody,
		encrypted,
		status: 0,
		at: Date.now(),
	};
	state.requests.push(record);
	trackStatus(res, record);
	res.on('close', () => state.opts.log(`${method} ${path} → ${record.status || 'dropped'}`));

	const fault = takeFault(state, method, path);
	if (fault) {
		const outcome = await playFault(state, fault, res);
		if (outcome !== 'proceed') {
			record.fault = true;
			return;
		}
	}
	if (path.startsWith(MEDIA_PREFIX)) {
		if (method !== 'GET') return send(res, { status: 405, body: { error: 'Media is GET only' } });
		await serveMedia(
			state,
			res,
			path.slice(MEDIA_PREFIX.length),
			Object.fromEntries(new URLSearchParams(rawQuery)),
		);
		return;
	}
	if (handleChatbot(req, res, rawBody, { apiKey: state.opts.chatbotApiKey })) return;
	if (handlePds(state, req, res, path, rawBody)) return;
	business(state, { method, path, headers, rawQuery, rawBody }, decoded, res);
}

/**
 * Starts the AIRudder sandbox on 127.0.0.1 (ephemeral port by default).
 *
 * Routes: `POST /service/cloud/auth`; `POST /service/cloud/v2/task` and `/service/cloud/task`;
 * `GET /service/cloud/list|detail|robot|case|recording`; `POST /service/cloud/operation|cancelphonecall`;
 * `POST /service/cloud/workflow/createinstance|uploaddetails|apinoticeinfo|taskdetail|detailinstances`;
 * `POST /service/sms/message/v2/send`; `GET /__sandbox/media/*`; admin `/__sandbox/*`; `GET /` (ready).
 * Docs: see each handler (operationId + x-doc-url) and sandbox/README.md.
 *
 * @param opts see `SandboxOptions` (defaults: port 0, key/secret `sandbox-app-key`/`sandbox-app-secret`,
 *   token TTL 86400 s, account offset +08:00, no AES, no callbacks).
 * @returns a handle; `url` is `http://127.0.0.1:<port>`. Call `close()` when done.
 * @throws on invalid options (AES key length, offset, host) or when the port is taken.
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const resolved = resolveOptions(opts);
	if (resolved.aesKey !== undefined) checkAesKey(resolved.aesKey);
	if (resolved.callbackUrl !== undefined) new URL(resolved.callbackUrl);
	if (resolved.qaCallbackUrl !== undefined) new URL(resolved.qaCallbackUrl);
	const state: SandboxState = {
		opts: resolved,
		baseUrl: '',
		tokens: new Map(),
		tokensIssued: 0,
		tasks: new Map(),
		workflows: new Map(),
		faults: [],
		requests: [],
		timers: new Set(),
		closed: false,
	};
	const reset = () => {
		state.tasks.clear();
		state.workflows.clear();
		state.tokens.clear();
		state.tokensIssued = 0;
		state.faults.length = 0;
		state.requests.length = 0;
		resetPds(state);
		resetQa(state);
	};
	const ctx = { state, reset };
	const server = http.createServer((req, res) => {
		handle(ctx, req, res).catch((error: Error) => {
			resolved.log(`sandbox error: ${error.stack ?? error.message}`);
			if (!res.headersSent)
				send(res, fail(500, `Sandbox internal error: ${error.message}`, null, 500));
			else res.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(resolved.port, resolved.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	state.baseUrl = `http://127.0.0.1:${port}`;
	let closing: Promise<void> | undefined;
	return {
		url: state.baseUrl,
		port,
		requests: state.requests,
		clearRequests: () => {
			state.requests.length = 0;
		},
		get tokensIssued() {
			return state.tokensIssued;
		},
		expireTokens: () => {
			expireTokens(state);
			expirePdsTokens(state);
			expireQaTokens(state);
		},
		qa: {
			tasks: qaState(state).tasks,
			get tokensIssued() {
				return qaState(state).tokensIssued;
			},
			configure: (settings) => {
				configureQa(state, settings);
			},
		},
		cancelPdsTask: (taskId) => cancelPdsTask(state, taskId),
		tasks: state.tasks,
		workflows: state.workflows,
		setFault: (fault) => addFault(state, fault),
		clearFaults: () => {
			state.faults.length = 0;
		},
		fireCallback: (url, event, body, headers) => fireCallback(url, event, body, headers),
		reset,
		close: () => {
			closing ??= new Promise<void>((resolve) => {
				state.closed = true;
				for (const timer of state.timers) clearTimeout(timer);
				state.timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
