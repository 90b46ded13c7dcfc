import type { IDataObject } from 'n8n-workflow';

/**
 * Secret scrubbing for everything that leaves a request helper (error messages, error bodies,
 * logs). Pure functions; shared by every transport (voice, chatbot, and any later API group).
 */

/** Shown instead of a removed secret. */
export const REDACTED = '[redacted]';

/** Values shorter than this are not scrubbed (a 1–3 character "secret" would blank out ordinary words). */
const MIN_SECRET_LENGTH = 4;

/**
 * The secret values to scrub: the given values (strings, trimmed, empty and very short ones left
 * out), each also as it travels in a query string or form body (URL-encoded) and inside a JSON
 * string (escaped), plus `Authorization` header tokens without their scheme word (`Token abc` →
 * `abc` as well as the whole value); longest first so that a secret containing another is removed
 * whole.
 */
export function secretValues(values: unknown[]): string[] {
	const found = new Set<string>();
	const add = (value: string) => {
		if (value.length < MIN_SECRET_LENGTH) return;
		found.add(value);
		found.add(encodeURIComponent(value));
		found.add(new URLSearchParams({ v: value }).toString().slice(2));
		found.add(JSON.stringify(value).slice(1, -1));
	};
	for (const value of values) {
		if (typeof value !== 'string') continue;
		const trimmed = value.trim();
		add(trimmed);
		const scheme = /^(?:Token|Bearer|Basic)\s+(\S+)$/i.exec(trimmed);
		if (scheme) add(scheme[1]);
	}
	return [...found].sort((a, b) => b.length - a.length);
}

/**
 * The values of a failed request's own headers named in `names` (n8n adds the credential's
 * there), found in the HTTP client's error (`config.headers`) or its cause, as secrets to scrub.
 */
export function headerSecrets(error: unknown, names: readonly string[]): string[] {
	const wanted = names.map((name) => name.toLowerCase());
	const values: unknown[] = [];
	for (let current = error as IDataObject | undefined, depth = 0; current && depth < 5; depth++) {
		const headers = (current.config as IDataObject | undefined)?.headers as IDataObject | undefined;
		for (const [name, value] of Object.entries(headers ?? {}))
			if (wanted.includes(name.toLowerCase())) values.push(value);
		current = current.cause as IDataObject | undefined;
	}
	return secretValues(values);
}

/** `text` with every occurrence of each secret replaced by `[redacted]` (plain substring match). */
export function scrubText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && result.includes(secret)) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/**
 * A deep copy of a JSON value with secrets removed from every string (keys included), e.g. an
 * error body AIRudder answered that echoes request headers. At most 10 levels deep; deeper
 * values are dropped.
 */
export function scrubJson<T>(value: T, secrets: readonly string[], depth = 0): T {
	if (typeof value === 'string') return scrubText(value, secrets) as T;
	if (depth > 10 || value === null || typeof value !== 'object') {
		return (depth > 10 ? undefined : value) as T;
	}
	if (Array.isArray(value)) return value.map((entry) => scrubJson(entry, secrets, depth + 1)) as T;
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		copy[scrubText(key, secrets)] = scrubJson(entry, secrets, depth + 1);
	}
	return copy as T;
}
