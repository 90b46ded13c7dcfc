import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The shared-secret check of the AIRudder triggers (the AIRudder Callback credential's Shared
 * Secret). Pure functions.
 *
 * AIRudder documents no signature and no custom header on its callbacks: it posts to the URL it
 * was given. So the secret AIRudder can carry is part of that URL. It travels as a QUERY
 * parameter, not a path segment: n8n logs webhook paths (e.g. "Received request for unknown
 * webhook" at the error level, "Received webhook ... for path" at debug), never the query string,
 * so the secret stays out of n8n's logs. A header is offered for a proxy in front of n8n.
 */

export type SecretConfig =
	| { location: 'none' }
	/** Header name (any case) and expected value. */
	| { location: 'header'; headerName: string; value: string }
	/** Query parameter name (exact case) and expected value. */
	| { location: 'query'; name: string; value: string };

/** The parts of a callback the secret check reads. */
export interface SecretCarrier {
	/** Lower-case header names, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	/** The parsed query string (`req.query`). */
	query?: Record<string, unknown>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

/** Constant-time string comparison (both sides hashed first, so their lengths do not leak either). */
export function safeEqual(actual: string, expected: string): boolean {
	return timingSafeEqual(sha256(actual), sha256(expected));
}

/** A header's first value (lower-case lookup). */
export function headerValue(headers: SecretCarrier['headers'], name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether the callback carries the shared secret where `secret` says (always true for `none`).
 * A repeated query parameter or header counts only when its FIRST value matches.
 */
export function verifySecret(request: SecretCarrier, secret: SecretConfig): boolean {
	if (secret.location === 'none') return true;
	let given: unknown;
	if (secret.location === 'header') given = headerValue(request.headers, secret.headerName);
	else {
		given = request.query?.[secret.name];
		if (Array.isArray(given)) given = given[0];
	}
	return typeof given === 'string' && safeEqual(given, secret.value);
}
