import { createHash } from 'node:crypto';

import { aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';
import {
	DuplicateWindow,
	DuplicateWindows,
	inspectCallback,
	isIpAllowed,
	parseIpAllowlist,
	safeEqual,
	type CallbackRequest,
	type GuardConfig,
} from '../../nodes/Airudder/trigger/guard';

const KEY = 'airudderredduria';
const BODY = { workflow_id: 'wf-1', status: 'delivery' };
const TEXT = JSON.stringify(BODY);

const config = (over: Partial<GuardConfig> = {}): GuardConfig => ({
	secret: { location: 'none' },
	encryption: 'off',
	aesKey: '',
	maxBodyBytes: 1024 * 1024,
	...over,
});

const request = (over: Partial<CallbackRequest> = {}): CallbackRequest => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', 'user-agent': 'Airudder' },
	ip: '203.0.113.7',
	rawBody: Buffer.from(TEXT),
	...over,
});

/** An encrypted callback; `signed: null` sends no Signed header. */
const encrypted = (
	plaintext: string,
	signed: string | null = aesSignature(plaintext),
): Partial<CallbackRequest> => ({
	headers: {
		'content-type': 'text/plain',
		'is-encrypted': '1',
		...(signed === null ? {} : { signed }),
	},
	rawBody: Buffer.from(aesEncrypt(plaintext, KEY)),
});

const refusal = (verdict: ReturnType<typeof inspectCallback>) =>
	verdict.accepted ? { accepted: true } : { status: verdict.status, reason: verdict.reason };

describe('inspectCallback', () => {
	it('accepts a plain JSON POST and returns the body and the raw-body SHA-256', () => {
		const verdict = inspectCallback(
			request({ headers: { 'content-type': 'application/json; charset=utf-8' } }),
			config(),
		);
		expect(verdict).toEqual({
			accepted: true,
			body: BODY,
			digest: createHash('sha256').update(TEXT).digest('hex'),
		});
	});

	it('refuses other methods with 405 and Allow: POST, before anything else', () => {
		const verdict = inspectCallback(
			request({ method: 'GET', ip: '10.0.0.1' }),
			config({ allowlist: parseIpAllowlist('1.1.1.1') }),
		);
		expect(verdict).toEqual({
			accepted: false,
			status: 405,
			reason: 'method not allowed',
			headers: { Allow: 'POST' },
		});
	});

	it('refuses senders outside the allowlist with 403', () => {
		const allowlist = parseIpAllowlist('198.51.100.0/24, 2001:db8::/32');
		expect(
			refusal(inspectCallback(request({ ip: '198.51.100.99' }), config({ allowlist }))),
		).toEqual({ accepted: true });
		expect(
			refusal(inspectCallback(request({ ip: '::ffff:198.51.100.5' }), config({ allowlist }))),
		).toEqual({ accepted: true });
		expect(refusal(inspectCallback(request({ ip: '2001:db8::1' }), config({ allowlist })))).toEqual(
			{ accepted: true },
		);
		expect(
			refusal(inspectCallback(request({ ip: '198.51.101.1' }), config({ allowlist }))),
		).toEqual({
			status: 403,
			reason: 'sender IP not allowed',
		});
		expect(
			refusal(inspectCallback(request({ ip: undefined }), config({ allowlist }))),
		).toMatchObject({ status: 403 });
	});

	it('checks a header secret (header name in any case) and a query-parameter secret, 401 otherwise', () => {
		const header = config({
			secret: { location: 'header', headerName: 'X-Callback-Secret', value: 's3cret' },
		});
		const withHeader = (value?: string) =>
			request({
				headers: {
					'content-type': 'application/json',
					...(value === undefined ? {} : { 'x-callback-secret': value }),
				},
			});
		expect(refusal(inspectCallback(withHeader('s3cret'), header))).toEqual({ accepted: true });
		expect(refusal(inspectCallback(withHeader('s3cret!'), header))).toEqual({
			status: 401,
			reason: 'missing or wrong secret',
		});
		expect(refusal(inspectCallback(withHeader(''), header))).toMatchObject({ status: 401 });
		expect(refusal(inspectCallback(withHeader(), header))).toMatchObject({ status: 401 });

		const path = config({ secret: { location: 'query', name: 'secret', value: 'abc-123' } });
		expect(refusal(inspectCallback(request({ query: { secret: 'abc-123' } }), path))).toEqual({
			accepted: true,
		});
		expect(
			refusal(inspectCallback(request({ query: { secret: ['abc-123', 'x'] } }), path)),
		).toEqual({ accepted: true });
		expect(refusal(inspectCallback(request({ query: { secret: 'abc-124' } }), path))).toMatchObject(
			{ status: 401 },
		);
		expect(refusal(inspectCallback(request({ query: { Secret: 'abc-123' } }), path))).toMatchObject(
			{ status: 401 },
		);
		expect(refusal(inspectCallback(request(), path))).toMatchObject({ status: 401 });
	});

	it('checks the secret before reading the body (no 4xx leaks body problems to a stranger)', () => {
		const verdict = inspectCallback(
			request({ headers: { 'content-type': 'text/html' }, rawBody: Buffer.from('x'.repeat(50)) }),
			config({ secret: { location: 'query', name: 'secret', value: 'abc' }, maxBodyBytes: 10 }),
		);
		expect(refusal(verdict)).toMatchObject({ status: 401 });
	});

	it('refuses raw bodies over the limit with 413 (the limit itself is accepted)', () => {
		const exact = config({ maxBodyBytes: Buffer.byteLength(TEXT) });
		expect(refusal(inspectCallback(request(), exact))).toEqual({ accepted: true });
		expect(
			refusal(inspectCallback(request(), config({ maxBodyBytes: Buffer.byteLength(TEXT) - 1 }))),
		).toMatchObject({
			status: 413,
		});
	});

	it('refuses non-JSON content types with 415 and bad JSON or non-objects with 400', () => {
		expect(
			refusal(inspectCallback(request({ headers: { 'content-type': 'text/plain' } }), config())),
		).toEqual({
			status: 415,
			reason: 'content type must be application/json',
		});
		expect(refusal(inspectCallback(request({ headers: {} }), config()))).toMatchObject({
			status: 415,
		});
		expect(refusal(inspectCallback(request({ rawBody: Buffer.from('{"a":') }), config()))).toEqual({
			status: 400,
			reason: 'body is not valid JSON',
		});
		for (const raw of ['[1,2]', '"text"', 'null', '42']) {
			expect(refusal(inspectCallback(request({ rawBody: Buffer.from(raw) }), config()))).toEqual({
				status: 400,
				reason: 'body is not a JSON object',
			});
		}
	});

	describe('AES', () => {
		const aes = config({ encryption: 'ifMarked', aesKey: KEY });

		it('decrypts Is-Encrypted: 1 bodies and checks Signed', () => {
			const verdict = inspectCallback(request(encrypted(TEXT)), aes);
			expect(verdict).toMatchObject({ accepted: true, body: BODY });
			// The digest is of the raw (encrypted) body, as received.
			expect(verdict).toMatchObject({
				digest: createHash('sha256').update(aesEncrypt(TEXT, KEY)).digest('hex'),
			});
			expect(
				refusal(inspectCallback(request(encrypted(TEXT, aesSignature(TEXT).toUpperCase())), aes)),
			).toEqual({ accepted: true });
		});

		it('accepts a missing Signed header (unkeyed digest) but refuses a wrong one', () => {
			expect(refusal(inspectCallback(request(encrypted(TEXT, null)), aes))).toEqual({
				accepted: true,
			});
			expect(
				refusal(inspectCallback(request(encrypted(TEXT, aesSignature(`${TEXT} `))), aes)),
			).toEqual({
				status: 400,
				reason: 'Signed header does not match the decrypted body',
			});
		});

		it('refuses undecryptable bodies and wrong keys with 400', () => {
			const garbage = { ...encrypted(TEXT), rawBody: Buffer.from('not base64 blocks!') };
			expect(refusal(inspectCallback(request(garbage), aes))).toEqual({
				status: 400,
				reason: 'body cannot be AES-decrypted',
			});
			const otherKey = config({ encryption: 'ifMarked', aesKey: 'k'.repeat(16) });
			expect(refusal(inspectCallback(request(encrypted(TEXT, null)), otherKey))).toEqual({
				status: 400,
				reason: 'decrypted body is not JSON (wrong AES key?)',
			});
		});

		it('still accepts plain JSON when only decrypting marked callbacks', () => {
			expect(refusal(inspectCallback(request(), aes))).toEqual({ accepted: true });
		});

		it('refuses plain callbacks when encryption is required, encrypted ones when it is off', () => {
			expect(
				refusal(inspectCallback(request(), config({ encryption: 'required', aesKey: KEY }))),
			).toEqual({
				status: 400,
				reason: 'unencrypted callback, but AES encryption is required',
			});
			expect(refusal(inspectCallback(request(encrypted(TEXT)), config()))).toEqual({
				status: 400,
				reason: 'encrypted callback, but AES decryption is off',
			});
		});
	});

	it('never puts the body or the secret in a refusal reason', () => {
		const secret = 'very-secret-value';
		const body = '{"callee":"+6281234567890"';
		for (const over of [
			{ rawBody: Buffer.from(body) },
			{ rawBody: Buffer.from(body), headers: { 'content-type': 'text/plain' } },
			{ query: { secret: `${secret}x` } },
		]) {
			const verdict = inspectCallback(
				request(over),
				config({
					secret:
						'query' in over
							? { location: 'query', name: 'secret', value: secret }
							: { location: 'none' },
				}),
			);
			expect(verdict.accepted).toBe(false);
			expect(JSON.stringify(verdict)).not.toMatch(/secret-value|6281234567890/);
		}
	});
});

describe('IP allowlist', () => {
	it('parses addresses and CIDR ranges separated by commas, spaces or new lines', () => {
		const list = parseIpAllowlist(' 203.0.113.7,198.51.100.0/24\n2001:db8::/32  ::1 ')!;
		expect(
			['203.0.113.7', '198.51.100.255', '::ffff:203.0.113.7', '2001:db8:ffff::1', '::1'].map((ip) =>
				isIpAllowed(list, ip),
			),
		).toEqual([true, true, true, true, true]);
		expect(
			['203.0.113.8', '198.51.101.0', '2001:db9::1', 'localhost', ''].map((ip) =>
				isIpAllowed(list, ip),
			),
		).toEqual([false, false, false, false, false]);
		expect(isIpAllowed(parseIpAllowlist('0.0.0.0/0')!, '8.8.8.8')).toBe(true);
	});

	it('returns undefined for an empty list and refuses bad entries', () => {
		expect(parseIpAllowlist(' , ')).toBeUndefined();
		expect(() => parseIpAllowlist('203.0.113.7, example.com')).toThrow(
			'"example.com" is not an IP address or CIDR range',
		);
		expect(() => parseIpAllowlist('10.0.0.0/33')).toThrow('invalid prefix length');
		expect(() => parseIpAllowlist('10.0.0.0/8/1')).toThrow('is not an IP address');
		expect(() => parseIpAllowlist('10.0.0.0/x')).toThrow('invalid prefix length');
	});
});

describe('safeEqual', () => {
	it('compares exactly, whatever the lengths', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', 'a')).toBe(false);
	});
});

describe('DuplicateWindow', () => {
	it('reports a key seen within its window, forgets it after', () => {
		const window = new DuplicateWindow();
		expect(window.isDuplicate('a', 1000, 0)).toBe(false);
		expect(window.isDuplicate('a', 1000, 999)).toBe(true);
		expect(window.isDuplicate('b', 1000, 999)).toBe(false);
		expect(window.isDuplicate('a', 1000, 1000)).toBe(false);
		expect(window.isDuplicate('a', 1000, 1500)).toBe(true);
	});

	it('stays bounded: drops expired keys, then the oldest ones', () => {
		const window = new DuplicateWindow(3);
		for (const key of ['a', 'b', 'c', 'd']) window.isDuplicate(key, 10_000, 0);
		expect(window.size).toBe(3);
		expect(window.isDuplicate('a', 10_000, 1)).toBe(false); // evicted, so not a duplicate any more
		expect(window.isDuplicate('d', 10_000, 2)).toBe(true);
		window.isDuplicate('z', 10, 20_000); // everything else expired by now
		expect(window.size).toBe(1);
	});
});

describe('DuplicateWindows', () => {
	it('keeps one window per scope, each bounded, and a bounded number of windows', () => {
		const windows = new DuplicateWindows({ maxEntries: 2, maxWindows: 2 });
		windows.window('wf1:n').record('x', 10_000, 0);
		for (const key of ['a', 'b', 'c']) windows.window('wf2:n').record(key, 10_000, 0);
		expect(windows.window('wf2:n').size).toBe(2);
		expect(windows.window('wf1:n').has('x', 1)).toBe(true); // not evicted by wf2's flood
		windows.window('wf3:n'); // wf2 is now the least recently used window
		expect(windows.size).toBe(2);
		expect(windows.window('wf1:n').has('x', 1)).toBe(true);
		expect(windows.window('wf2:n').size).toBe(0);
	});
});
