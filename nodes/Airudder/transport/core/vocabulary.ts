import type { JsonObject } from 'n8n-workflow';

import { originOf } from './connection';

/**
 * The one error vocabulary of every AIRudder API group, the sign-ins included: the sentences n8n
 * shows as an error's message. n8n's NodeApiError replaces a message that contains a Node.js error
 * code (ECONNREFUSED, ECONNABORTED, ...) or whose error object carries one, with its own generic
 * sentence ("The connection was aborted, perhaps the server is offline"): these sentences never
 * name a code (the code goes to the description), and the request core never hands n8n an error
 * object with a `code`.
 */

/** How a request that got no HTTP answer ended. */
type NoAnswer = 'timeout' | 'refused' | 'unknown host' | 'broken' | 'failed';

const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];
const BROKEN_CODES = ['ECONNRESET', 'EPIPE', 'ERR_BAD_RESPONSE', 'ERR_STREAM_PREMATURE_CLOSE'];

/** The Node.js/axios error code of a failed request, searched through its causes (n8n wraps it). */
export function failureCode(error: unknown): string | undefined {
	for (let current = error as JsonObject | undefined, depth = 0; current && depth < 5; depth++) {
		const code = current.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = current.cause as JsonObject | undefined;
	}
	return undefined;
}

/** Classifies a failure that carries no HTTP answer by its error code. */
export function noAnswerKind(error: unknown): NoAnswer {
	const code = failureCode(error);
	const message = String((error as Error | undefined)?.message ?? '');
	if ((code && TIMEOUT_CODES.includes(code)) || /timeout of \d+ms exceeded/i.test(message))
		return 'timeout';
	if (code === 'ECONNREFUSED') return 'refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
	if (code && BROKEN_CODES.includes(code)) return 'broken';
	return 'failed';
}

/**
 * The reason a request got no answer, for the message: e.g. `no answer within 3 s (Request
 * Timeout)`, `http://127.0.0.1:9 refused the connection`. `url` is the address called.
 */
export function noAnswerReason(kind: NoAnswer, url: string, timeoutSeconds: number): string {
	const origin = originOf(url) ?? url;
	switch (kind) {
		case 'timeout':
			return `no answer within ${timeoutSeconds} s (Request Timeout)`;
		case 'refused':
			return `${origin} refused the connection (check the Base URL: scheme, host and port)`;
		case 'unknown host':
			return `the host of ${origin} could not be found (check the Base URL)`;
		case 'broken':
			return `the connection to ${origin} broke off before a complete answer`;
		default:
			return `the connection to ${origin} failed (check the Base URL and that this n8n can reach it)`;
	}
}

/** The sentence for a redirect that was not followed: the target's host is named, nothing else. */
export function redirectRefusedMessage(what: string, status: number, location?: string): string {
	let target = '';
	if (location) target = ` to ${originOf(location) ?? 'another address'}`;
	return `${what} was answered with a redirect (HTTP ${status})${target}. Redirects are not followed, so that credentials are never sent to another host: check the credential's Base URL.`;
}

/**
 * The sentence for a refused sign-in: `AIRudder PDS refused the APPKey/APPSecret: 10301 Invalid
 * app key (HTTP 200 at /service/callcenter/call/predict/auth)`. `own` is AIRudder's own message,
 * added when it says more than the code's meaning.
 */
export function signInRefusedMessage(
	label: string,
	path: string,
	status: number,
	code: unknown,
	meaning: string | undefined,
	own: string | undefined,
): string {
	const coded = code !== undefined && code !== null && code !== '';
	const head = coded ? String(code) : `HTTP ${status}`;
	const words = [meaning, own && own !== meaning ? `AIRudder's message: ${own}` : undefined]
		.filter(Boolean)
		.join('; ');
	return `${label} refused the APPKey/APPSecret: ${head}${words ? ` ${words}` : ''} (${coded ? `HTTP ${status} ` : ''}at ${path}). Check both values and the Base URL.`;
}
