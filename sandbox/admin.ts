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

/** Answers an admin request. @returns undefined when no admin route has this method and path. */
export async function handleAdmin(
	ctx: AdminContext,
	method: string,
	path: string,
	rawBody: string,
): Promise<AdminReply | undefined> {
	const handler = ADMIN[`${method} ${path}`];
	if (!handler) return undefined;
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
