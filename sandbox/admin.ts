import { expireTokens } from './auth';
import { CALLBACK_EVENTS, callbackExample, fireCallback } from './callbacks';
import { isObject } from './envelope';
import { addFault } from './faults';
import { expirePdsTokens } from './pds';
import { expireQaTokens, QA_ADMIN } from './qa';
import type { SandboxState } from './state';
import type { Fault } from './types';

/**
 * Admin endpoints under `/__sandbox/` (the sandbox's own, not AIRudder's), so another process
 * (real-n8n e2e tests, the demo) can drive the sandbox. Plain JSON in and out, no token, never
 * encrypted, never recorded, never faulted. Errors: HTTP 400/404 `{"error": "..."}`.
 *
 * | route | does |
 * |---|---|
 * | GET /__sandbox/state | `{tokensIssued, aes, accountUtcOffset, callbackUrl, tasks, workflows, faults, requests}` (counts) |
 * | GET /__sandbox/requests | `{requests: RecordedRequest[]}` |
 * | DELETE /__sandbox/requests | forget recorded requests |
 * | POST /__sandbox/faults | queue a `Fault` or an array of them |
 * | DELETE /__sandbox/faults | drop queued faults |
 * | POST /__sandbox/expire-tokens | expire every issued token |
 * | POST /__sandbox/fire | `{url, event, body?, headers?}` → `{status, body, source}` (the receiver's answer) |
 * | GET /__sandbox/events | the callback events known to `fire`, with their doc URL and payload source |
 * | GET /__sandbox/tasks | `{tasks: SandboxTask[]}` |
 * | GET /__sandbox/workflows | `{workflows: SandboxWorkflow[]}` |
 * | POST /__sandbox/reset | forget tasks, workflows, tokens, faults and requests |
 * | POST /__sandbox/qa/callback | `{url?: string\|null, signKey?: string}`: where QA reports go and their Sign key (qa.ts) |
 * | GET /__sandbox/qa/tasks | `{tokensIssued, tasks: QaTask[]}` (QA sign-ins and tasks) |
 *
 * `GET /__sandbox/media/<name>.wav|zip` (recordings) is served by media.ts, recorded and faultable.
 *
 * Only local programs may drive them, not a web page open in a developer's browser (which could
 * otherwise make `fire` relay requests to any URL): every admin request must carry a `Host` that
 * is a loopback name or address with the sandbox's port (→ 403 otherwise, which also defeats DNS
 * rebinding), no `Origin` or a loopback one (→ 403), and every request other than GET must be
 * `Content-Type: application/json` (→ 415), which a page cannot send cross-origin without a CORS
 * preflight the sandbox never grants.
 */

export interface AdminContext {
	state: SandboxState;
	reset(): void;
}

export interface AdminReply {
	status: number;
	body: unknown;
}

type AdminHandler = (ctx: AdminContext, body: unknown) => AdminReply | Promise<AdminReply>;

const done = (body: unknown = {}): AdminReply => ({ status: 200, body });
const bad = (error: string, status = 400): AdminReply => ({ status, body: { error } });

const ADMIN: Record<string, AdminHandler> = {
	'GET /__sandbox/state': ({ state }) =>
		done({
			tokensIssued: state.tokensIssued,
			aes: state.opts.aesKey !== undefined,
			accountUtcOffset: state.opts.accountUtcOffset,
			callbackUrl: state.opts.callbackUrl ?? null,
			tasks: state.tasks.size,
			workflows: state.workflows.size,
			faults: state.faults.length,
			requests: state.requests.length,
		}),
	'GET /__sandbox/requests': ({ state }) => done({ requests: state.requests }),
	'DELETE /__sandbox/requests': ({ state }) => {
		const cleared = state.requests.length;
		state.requests.length = 0;
		return done({ cleared });
	},
	'POST /__sandbox/faults': ({ state }, body) => {
		const faults = (Array.isArray(body) ? body : [body]) as Fault[];
		try {
			for (const fault of faults) addFault(state, fault);
		} catch (error) {
			return bad((error as Error).message);
		}
		return done({ queued: faults.length });
	},
	'DELETE /__sandbox/faults': ({ state }) => {
		state.faults.length = 0;
		return done();
	},
	'POST /__sandbox/expire-tokens': ({ state }) => {
		expireTokens(state);
		expirePdsTokens(state);
		expireQaTokens(state);
		return done({ expired: state.tokens.size });
	},
	'POST /__sandbox/fire': async (_ctx, body) => {
		if (!isObject(body) || typeof body.url !== 'string' || typeof body.event !== 'string') {
			return bad('Body must be {"url": "...", "event": "...", "body"?: {...}, "headers"?: {...}}');
		}
		try {
			const source = body.body === undefined ? callbackExample(body.event).source : 'request body';
			const answer = await fireCallback(
				body.url,
				body.event,
				isObject(body.body) ? body.body : undefined,
				(body.headers ?? {}) as Record<string, string>,
			);
			return done({ ...answer, source });
		} catch (error) {
			return bad((error as Error).message);
		}
	},
	'GET /__sandbox/events': () =>
		done({
			events: [...CALLBACK_EVENTS.values()].map(({ event, file, docUrl, source }) => ({
				event,
				file,
				docUrl,
				source,
			})),
		}),
	'GET /__sandbox/tasks': ({ state }) => done({ tasks: [...state.tasks.values()] }),
	'GET /__sandbox/workflows': ({ state }) => done({ workflows: [...state.workflows.values()] }),
	'POST /__sandbox/reset': (ctx) => {
		ctx.reset();
		return done();
	},
	...Object.fromEntries(
		Object.entries(QA_ADMIN).map(([route, handler]) => [
			route,
			({ state }: AdminContext, body: unknown) => handler(state, body),
		]),
	),
};

/** The parts of an admin request {@link handleAdmin} reads. */
export interface AdminRequest {
	method: string;
	path: string;
	/** Lower-case header names, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** The port the sandbox listens on. */
	port: number;
}

const LOOPBACK_NAMES = new Set(['localhost', '[::1]']);
const isLoopbackHost = (hostname: string) =>
	LOOPBACK_NAMES.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);

/** `host[:port]` of a Host header, or undefined when it is not one. */
function hostAndPort(value: string): { hostname: string; port: string } | undefined {
	const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(value);
	return match ? { hostname: match[1], port: match[2] ?? '80' } : undefined;
}

const header = (headers: AdminRequest['headers'], name: string) => {
	const value = headers[name];
	return Array.isArray(value) ? value.join(',') : value;
};

/**
 * Whether an admin request may come from a web page rather than a local program.
 * @returns the refusal (403 Host or Origin not loopback, 415 not JSON), or undefined to go on.
 */
export function refuseAdminRequest(request: AdminRequest): AdminReply | undefined {
	const host = hostAndPort(header(request.headers, 'host') ?? '');
	if (!host || !isLoopbackHost(host.hostname) || host.port !== String(request.port))
		return bad(`Host must be 127.0.0.1:${request.port} or localhost:${request.port}`, 403);
	const origin = header(request.headers, 'origin');
	if (origin !== undefined) {
		let hostname = '';
		try {
			const url = new URL(origin);
			if (url.protocol === 'http:' || url.protocol === 'https:') hostname = url.hostname;
		} catch {
			// not a URL: refused below
		}
		if (!isLoopbackHost(hostname)) return bad('Origin must be absent or a loopback origin', 403);
	}
	const type = (header(request.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (request.method !== 'GET' && type !== 'application/json')
		return bad('Content-Type must be application/json', 415);
	return undefined;
}

/**
 * Answers an admin request (after {@link refuseAdminRequest}'s checks).
 * @returns undefined when no admin route has this method and path.
 */
export async function handleAdmin(
	ctx: AdminContext,
	request: AdminRequest,
): Promise<AdminReply | undefined> {
	const { method, path, rawBody } = request;
	const handler = ADMIN[`${method} ${path}`];
	if (!handler) return undefined;
	const refused = refuseAdminRequest(request);
	if (refused) return refused;
	let body: unknown;
	if (rawBody.trim() !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			return bad('Body is not valid JSON');
		}
	}
	return await handler(ctx, body);
}
