import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { IpAllowlist, parseIp } from '../helpers/ip';
import { verifySignature, type EncryptionMode } from './verifySignature';
import { headerValue, verifySecret, type SecretConfig } from './verifySecret';

export { safeEqual, type SecretConfig } from './verifySecret';
export type { EncryptionMode } from './verifySignature';

/** Request headers as Node gives them (`IncomingHttpHeaders`): lower-case names. */
type Headers = Record<string, string | string[] | undefined>;

/**
 * Request guard shared by the AIRudder triggers: pure checks of one incoming callback, before
 * anything reaches the workflow. A refused request yields only an HTTP status and a short reason
 * (never the body or a secret). The secret check is verifySecret.ts, the AES check
 * verifySignature.ts (both read from the AIRudder Callback credential).
 */

export interface GuardConfig {
	secret: SecretConfig;
	/** `ifMarked`: decrypt when `Is-Encrypted: 1`; `required`: refuse unencrypted callbacks. */
	encryption: EncryptionMode;
	/** AES key (16/24/32 UTF-8 bytes) when encryption is not `off`. */
	aesKey: string;
	/** Allowed sender addresses; `undefined` = everyone. Build with {@link parseIpAllowlist}. */
	allowlist?: IpAllowlist;
	/** Largest accepted raw body, in bytes. */
	maxBodyBytes: number;
}

/** The parts of the incoming request the guard reads. */
export interface CallbackRequest {
	method: string;
	/** Lower-case header names, as Node gives them. */
	headers: Headers;
	/** Client address as n8n's Express app sees it (`req.ip`, honours N8N_PROXY_HOPS). */
	ip?: string;
	/** The parsed query string (`req.query`), where a query-parameter secret travels. */
	query?: Record<string, unknown>;
	/** The raw request body, exactly as received. */
	rawBody: Buffer;
}

type GuardVerdict =
	| { accepted: true; body: IDataObject; digest: string }
	| { accepted: false; status: number; reason: string; headers?: Record<string, string> };

const refuse = (
	status: number,
	reason: string,
	headers?: Record<string, string>,
): GuardVerdict => ({
	accepted: false,
	status,
	reason,
	...(headers ? { headers } : {}),
});

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

/**
 * Parses an allowlist: exact IPv4/IPv6 addresses and CIDR ranges separated by commas, spaces or
 * new lines (e.g. `203.0.113.7, 198.51.100.0/24, 2001:db8::/32`). IPv4 entries also match the
 * IPv6-mapped form (`::ffff:203.0.113.7`) that dual-stack servers report.
 *
 * @returns `undefined` for an empty list (allow everyone).
 * @throws Error naming the first entry that is not an address or CIDR range.
 */
export function parseIpAllowlist(text: string): IpAllowlist | undefined {
	const entries = text.split(/[\s,]+/).filter(Boolean);
	if (!entries.length) return undefined;
	const ranges = entries.map((entry) => {
		const [address, prefix, extra] = entry.split('/');
		const parsed = parseIp(address);
		if (!parsed || extra !== undefined)
			throw new Error(`"${entry}" is not an IP address or CIDR range`);
		const bits = parsed.version === 4 ? 32 : 128;
		if (prefix !== undefined && (!/^\d+$/.test(prefix) || Number(prefix) > bits))
			throw new Error(`"${entry}" has an invalid prefix length`);
		const length = prefix === undefined ? bits : Number(prefix);
		// IPv4 ranges sit in the last 32 bits of their IPv4-mapped IPv6 form.
		return { network: parsed.value, prefix: 128 - bits + length };
	});
	return new IpAllowlist(ranges);
}

/** Whether `ip` is in the allowlist (`false` for a missing or malformed address). */
export function isIpAllowed(list: IpAllowlist, ip: string | undefined): boolean {
	return ip !== undefined && list.check(ip);
}

function mimeType(headers: Headers): string {
	return (headerValue(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Checks one callback, in this order (first failure wins):
 * 405 not POST · 403 sender IP not allowed · 401 missing/wrong secret · 413 raw body over
 * `maxBodyBytes` · 400 encrypted but decryption off / unencrypted but required / undecryptable /
 * `Signed` missing (required) or mismatching · 415 unencrypted and not `application/json` · 400 not a JSON object.
 *
 * @returns the parsed body and the raw body's SHA-256 (hex, for duplicate detection), or the
 *   refusal (status + short reason, `Allow` header for 405).
 */
export function inspectCallback(request: CallbackRequest, config: GuardConfig): GuardVerdict {
	if (request.method.toUpperCase() !== 'POST')
		return refuse(405, 'method not allowed', { Allow: 'POST' });
	if (config.allowlist && !isIpAllowed(config.allowlist, request.ip))
		return refuse(403, 'sender IP not allowed');
	if (!verifySecret(request, config.secret)) return refuse(401, 'missing or wrong secret');
	if (request.rawBody.length > config.maxBodyBytes) {
		return refuse(413, `body larger than ${config.maxBodyBytes} bytes`);
	}

	const verified = verifySignature(request, config.encryption, config.aesKey);
	if (!verified.ok) return refuse(400, verified.reason);
	const { text, encrypted } = verified;
	if (!encrypted && mimeType(request.headers) !== 'application/json')
		return refuse(415, 'content type must be application/json');

	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return refuse(
			400,
			encrypted ? 'decrypted body is not JSON (wrong AES key?)' : 'body is not valid JSON',
		);
	}
	// Every callback of the reference is a JSON object (`type: object`); an item needs one too.
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return refuse(400, 'body is not a JSON object');
	return {
		accepted: true,
		body: body as IDataObject,
		digest: sha256(request.rawBody).toString('hex'),
	};
}

/** Digests one trigger node remembers (per workflow and node), by default. */
const DUPLICATE_WINDOW_ENTRIES = 10_000;
/** Trigger nodes (workflow + node) whose windows one process keeps, by default. */
const DUPLICATE_WINDOWS = 100;

/**
 * Remembers raw-body digests for a time window, to drop AIRudder's repeated deliveries: the window
 * of ONE trigger node (see {@link DuplicateWindows} for one per workflow and node).
 *
 * The state is PER PROCESS and in memory: it is lost on restart, and in queue mode with several
 * webhook processes (or main + webhook processes) each one keeps its own window, so a duplicate that
 * lands on another process is not caught. Memory is bounded: at most `maxEntries` digests (oldest
 * evicted first), expired ones are dropped as new ones arrive.
 */
export class DuplicateWindow {
	private readonly expiries = new Map<string, number>();

	constructor(private readonly maxEntries = DUPLICATE_WINDOW_ENTRIES) {}

	/** Whether `key` was recorded and its window has not ended (a duplicate). Records nothing. */
	has(key: string, now = Date.now()): boolean {
		const expiry = this.expiries.get(key);
		return expiry !== undefined && expiry > now;
	}

	/**
	 * Records `key` as seen for `windowMs` milliseconds from `now` (the triggers do it once the
	 * callback's answer was a 2xx, so that a retry after a failed run starts a new execution).
	 */
	record(key: string, windowMs: number, now = Date.now()): void {
		this.expiries.delete(key);
		for (const [oldKey, oldExpiry] of this.expiries) {
			if (oldExpiry > now) break;
			this.expiries.delete(oldKey);
		}
		this.expiries.set(key, now + windowMs);
		while (this.expiries.size > this.maxEntries)
			this.expiries.delete(this.expiries.keys().next().value!);
	}

	/**
	 * @param key the callback's digest.
	 * @param windowMs how long a digest counts as seen, in milliseconds.
	 * @returns `true` if `key` was seen within its window (a duplicate); otherwise records it, `false`.
	 */
	isDuplicate(key: string, windowMs: number, now = Date.now()): boolean {
		if (this.has(key, now)) return true;
		this.record(key, windowMs, now);
		return false;
	}

	get size(): number {
		return this.expiries.size;
	}
}

/** Bounds of {@link DuplicateWindows}. */
interface DuplicateBounds {
	/** Digests per window (per workflow and node); the oldest is evicted first. Default 10,000. */
	maxEntries: number;
	/** Windows kept; the least recently used one is dropped first. Default 100. */
	maxWindows: number;
}

/**
 * One {@link DuplicateWindow} per workflow and trigger node, so that a flood of callbacks to one
 * workflow evicts only that workflow's digests. Both the entries of a window and the number of
 * windows are bounded (at most `maxEntries × maxWindows` digests in memory, about 150 MB with the
 * defaults in the worst case); a dropped window only means its next callback is not recognised as
 * a duplicate. Per process and in memory, like each window.
 */
export class DuplicateWindows {
	private readonly windows = new Map<string, DuplicateWindow>();
	private bounds: DuplicateBounds;

	constructor(bounds: Partial<DuplicateBounds> = {}) {
		this.bounds = {
			maxEntries: DUPLICATE_WINDOW_ENTRIES,
			maxWindows: DUPLICATE_WINDOWS,
			...bounds,
		};
	}

	/**
	 * The window of `scope` (`<workflow id>:<node id>`), created when missing; the least recently
	 * used window is dropped when there are more than `maxWindows`.
	 */
	window(scope: string): DuplicateWindow {
		let window = this.windows.get(scope);
		if (window) this.windows.delete(scope);
		else window = new DuplicateWindow(this.bounds.maxEntries);
		this.windows.set(scope, window);
		while (this.windows.size > this.bounds.maxWindows)
			this.windows.delete(this.windows.keys().next().value!);
		return window;
	}

	/** Replaces the bounds and forgets every window (tests use small bounds). */
	resize(bounds: Partial<DuplicateBounds>): void {
		this.bounds = { ...this.bounds, ...bounds };
		this.windows.clear();
	}

	/** Number of windows kept. */
	get size(): number {
		return this.windows.size;
	}
}
