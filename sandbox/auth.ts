import { randomBytes } from 'node:crypto';

import { fail, isObject, ok, type JsonReply } from './envelope';
import type { SandboxState } from './state';

/**
 * Token authentication.
 * operationId coreObtainToken — x-doc-url https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-44712004
 * Quick Start (seed 004): the token lives 24 h; asking again while it is valid "recalculates 24 hours
 * on the basis of the original token" — the sandbox answers the SAME token and restarts its window
 * (now + TTL). An expired token is replaced by a new one. Every other cloud call carries
 * `Authorization: Token <token>`: the word Token, exactly one space, the token.
 */

/** `POST /service/cloud/auth` `{APPKey, APPSecret}` → `{data:{token}, status:'OK', code:200}` (documented). */
export function obtainToken(state: SandboxState, body: unknown): JsonReply {
	const given = isObject(body) ? body : {};
	if (given.APPKey !== state.opts.appKey || given.APPSecret !== state.opts.appSecret) {
		// HTTP 401 is listed by the token page; its body is not shown (ILLUSTRATIVE body).
		return fail(401, 'APPKey or APPSecret is wrong', null, 401);
	}
	const now = Date.now();
	let token = [...state.tokens].find(([, expiresAt]) => expiresAt > now)?.[0];
	// Same alphabet as the docs' example token (base64, ~52 characters).
	token ??= randomBytes(39).toString('base64');
	state.tokens.set(token, now + state.opts.tokenTtlSeconds * 1000);
	state.tokensIssued += 1;
	return ok({ token });
}

/**
 * Checks `Authorization: Token <token>` of a business call.
 * @returns undefined when the token is known and unexpired, else an HTTP 401 reply (ILLUSTRATIVE body:
 *   the docs only say a wrong or missing token makes the call fail).
 */
export function checkToken(
	state: SandboxState,
	authorization: string | undefined,
): JsonReply | undefined {
	if (authorization === undefined) return fail(401, 'Authorization header is missing', null, 401);
	const m = /^Token ([^ ]+)$/.exec(authorization);
	if (!m)
		return fail(
			401,
			'Authorization must be "Token <token>" (the word Token, one space, the token)',
			null,
			401,
		);
	const expiresAt = state.tokens.get(m[1]);
	if (expiresAt === undefined) return fail(401, 'Unknown token', null, 401);
	if (expiresAt <= Date.now()) return fail(401, 'Token expired', null, 401);
	return undefined;
}

/** Makes every issued token expired (the next business call answers 401). */
export function expireTokens(state: SandboxState): void {
	for (const token of state.tokens.keys()) state.tokens.set(token, 0);
}
