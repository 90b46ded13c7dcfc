import type { JsonObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { discard, failedAnswer } from './core/answers';

/**
 * The retry policy of every idempotent AIRudder request (voice API reads, recording downloads,
 * chatbot reads): at most MAX_ATTEMPTS sends on HTTP 429, HTTP 5xx or a connection that failed or
 * broke off before a complete answer; exponential back-off, or the answer's `Retry-After`.
 * Writes are never retried (a retry could create a task or send a message twice).
 */

/** Idempotent requests are sent at most this many times (1 + 2 retries). */
export const MAX_ATTEMPTS = 3;
/** First back-off in ms; doubles per retry. */
export const BACKOFF_MS = 500;
/** A `Retry-After` answer (seconds) wins over the back-off, up to this many ms. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Error codes of a connection that failed or broke off (no complete answer was received). */
const BROKEN_CONNECTION_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_BAD_RESPONSE',
];

/**
 * The code of a connection that failed or broke off mid-answer, searched through the error and
 * its causes (n8n wraps the HTTP client's error), or undefined.
 */
function brokenConnectionCode(error: unknown): string | undefined {
	for (let current = error as JsonObject | undefined, depth = 0; current && depth < 4; depth++) {
		const code = typeof current.code === 'string' ? current.code : undefined;
		if (code && BROKEN_CONNECTION_CODES.includes(code)) return code;
		current = current.cause as JsonObject | undefined;
	}
	return undefined;
}

type Headers = Record<string, string | string[] | undefined>;

/** A header's first value, looked up as given and in lower case. */
export function header(headers: Headers | undefined, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * How long to wait (ms) before sending attempt `attempt + 1` of an idempotent request whose
 * attempt `attempt` (1-based) answered HTTP `status` (undefined: no answer), or undefined when it
 * must not be retried (a definite answer, or MAX_ATTEMPTS reached).
 * @param retryAfter the answer's `Retry-After` header (seconds; an HTTP date is not honoured)
 */
export function retryDelay(
	status: number | undefined,
	brokenConnection: boolean,
	retryAfter: string | undefined,
	attempt: number,
): number | undefined {
	if (attempt >= MAX_ATTEMPTS) return undefined;
	// axios codes a 3xx it did not follow ERR_BAD_RESPONSE too: a redirect is an answer, not a break
	const redirect = status !== undefined && status >= 300 && status < 400;
	const transient =
		(brokenConnection && !redirect) || (status !== undefined && (status === 429 || status >= 500));
	if (!transient) return undefined;
	const seconds = retryAfter === undefined || retryAfter.trim() === '' ? NaN : Number(retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
	return BACKOFF_MS * 2 ** (attempt - 1);
}

/** `retryDelay` for a thrown n8n request error (HTTP status, `Retry-After`, broken connection). */
function retryDelayAfterError(error: unknown, attempt: number): number | undefined {
	const answer = failedAnswer(error);
	return retryDelay(
		answer?.statusCode,
		brokenConnectionCode(error) !== undefined,
		header(answer?.headers, 'retry-after'),
		attempt,
	);
}

/** What `withRetries` ends with: the last answer, or the last failure (for the caller to wrap). */
export type Sent<T> = { answer: T } | { failure: unknown };

/**
 * Sends `send(attempt)` (attempt 1-based) and, when the request is idempotent, sends it again
 * after `retryDelayAfterError` when it throws, or after `answerDelay(answer)` when it answered a
 * transient failure without throwing (requests with `ignoreHttpStatusErrors`): at most
 * MAX_ATTEMPTS sends in all. Never throws: the last answer or failure is returned as is, for the
 * caller to turn into a NodeApiError; a failed streamed answer that is retried is discarded first.
 */
export async function withRetries<T>(
	idempotent: boolean,
	send: (attempt: number) => Promise<T>,
	answerDelay?: (answer: T, attempt: number) => number | undefined,
): Promise<Sent<T>> {
	for (let attempt = 1; ; attempt++) {
		let answer: T;
		try {
			answer = await send(attempt);
		} catch (failure) {
			const delay = idempotent ? retryDelayAfterError(failure, attempt) : undefined;
			if (delay === undefined) return { failure };
			discard(failedAnswer(failure)?.body);
			await sleep(delay);
			continue;
		}
		const delay = idempotent && answerDelay ? answerDelay(answer, attempt) : undefined;
		if (delay === undefined) return { answer };
		await sleep(delay);
	}
}
