/**
 * Pure security helpers of issue 11: secret scrubbing, recording links from link fields only,
 * safe file names, redirect targets, and the splice-proof `Signed` check.
 */
import { aesDecrypt, aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';
import {
	headerSecrets,
	REDACTED,
	scrubJson,
	scrubText,
	secretValues,
} from '../../nodes/Airudder/helpers/scrub';
import { downloadFileName, findUrls, safeFileName } from '../../nodes/Airudder/helpers/urls';
import { verifySignature } from '../../nodes/Airudder/trigger/verifySignature';

const KEY = 'airudderredduria';

describe('scrubbing', () => {
	const secrets = secretValues(['Token tok-123456', 'app-secret-9', '', 'ab', undefined, 42]);

	it('takes the credential values (and a token without its scheme word), longest first', () => {
		expect(secrets).toEqual(
			expect.arrayContaining(['Token tok-123456', 'app-secret-9', 'tok-123456']),
		);
		expect(secrets.indexOf('Token tok-123456')).toBeLessThan(secrets.indexOf('tok-123456'));
		expect(secrets.every((secret, i) => i === 0 || secrets[i - 1].length >= secret.length)).toBe(
			true,
		);
	});

	it('also takes each value as a form body, a query string or a JSON string carries it', () => {
		const found = secretValues(['a+b/c d"e\\f']);
		expect(found).toEqual(
			expect.arrayContaining([
				'a+b/c d"e\\f',
				'a%2Bb%2Fc%20d%22e%5Cf',
				'a%2Bb%2Fc+d%22e%5Cf',
				'a+b/c d\\"e\\\\f',
			]),
		);
	});

	it('removes every secret from text and from a JSON body, keys included', () => {
		expect(scrubText('echo: Authorization: Token tok-123456 / app-secret-9', secrets)).toBe(
			`echo: Authorization: ${REDACTED} / ${REDACTED}`,
		);
		expect(
			scrubJson(
				{ message: 'bad tok-123456', headers: { 'app-secret-9': ['x app-secret-9'] }, n: 1 },
				secrets,
			),
		).toEqual({ message: `bad ${REDACTED}`, headers: { [REDACTED]: [`x ${REDACTED}`] }, n: 1 });
	});

	it("reads the failed request's own header values (n8n put the token there)", () => {
		const error = {
			cause: { config: { headers: { Authorization: 'Token tok-999999', Accept: 'json' } } },
		};
		expect(headerSecrets(error, ['authorization'])).toEqual(
			expect.arrayContaining(['Token tok-999999', 'tok-999999']),
		);
		expect(headerSecrets(error, ['authorization'])).not.toContain('json');
	});
});

describe('recording links', () => {
	it('come from link fields only, never from other text (an echoed Comments URL)', () => {
		const answer = {
			TaskID: 't1',
			Comments: 'see http://10.0.0.5/admin',
			Note: 'http://internal.example/x',
			url: 'https://files.example/a.wav',
			list: [{ recording_url: 'https://files.example/b.wav', Remark: 'http://x/y' }],
			RecordingLinks: ['https://files.example/c.wav', 'not a link'],
			link: 'https://files.example/a.wav',
		};
		expect(findUrls(answer)).toEqual([
			'https://files.example/a.wav',
			'https://files.example/b.wav',
			'https://files.example/c.wav',
		]);
	});

	it('are found in one pass over 20,000 links (no quadratic duplicate check)', () => {
		const many = Array.from({ length: 20_000 }, (_, i) => ({ url: `https://f.example/${i}` }));
		const found = findUrls({ data: [...many, ...many] });
		expect(found).toHaveLength(20_000);
		expect(found[19_999]).toBe('https://f.example/19999');
	});
});

describe('download file names', () => {
	it('survive a malformed % and never climb out of the folder', () => {
		expect(downloadFileName('https://f.example/100%.wav', undefined, 'fb.wav')).toBe('100%.wav');
		expect(downloadFileName('https://f.example/a%20b.wav', undefined, 'fb.wav')).toBe('a b.wav');
		expect(
			downloadFileName('https://f.example/x', 'attachment; filename="../../etc/passwd"', 'fb'),
		).toBe('passwd');
		expect(downloadFileName('https://f.example/%2e%2e', undefined, 'fb.wav')).toBe('fb.wav');
		expect(
			downloadFileName(
				'https://f.example/x',
				"attachment; filename*=UTF-8''..%5C..%5Cboot.ini",
				'fb',
			),
		).toBe('boot.ini');
		expect(safeFileName('a\u0000b\nc.wav')).toBe('abc.wav');
		expect(safeFileName('..')).toBeUndefined();
	});
});

describe('AES callbacks: Signed', () => {
	const encrypted = (headers: Record<string, string>, body: string) => ({
		headers: { 'is-encrypted': '1', ...headers },
		rawBody: Buffer.from(body),
	});

	it('refuses a splice of two captured callbacks when AES is Required', () => {
		// Two callbacks captured on the wire, with their Signed headers.
		const one = JSON.stringify({ n: 1, workflow_id: 'wf-aaaaaaaaaaaaa', status: 'delivery' });
		const two = JSON.stringify({ n: 2, workflow_id: 'wf-bbbbbbbbbbbbb', status: 'failed__' });
		const blocks = (text: string) => Buffer.from(aesEncrypt(text, KEY), 'base64');
		// The first block of one + the rest of two: still decrypts (ECB).
		const spliced = Buffer.concat([blocks(one).subarray(0, 16), blocks(two).subarray(16)]);
		const splicedBase64 = spliced.toString('base64');
		const plaintext = aesDecrypt(splicedBase64, KEY);
		expect(plaintext).not.toBe(one);
		expect(plaintext).not.toBe(two);

		// Without Signed: refused when Required, (knowingly) accepted when only marked.
		expect(verifySignature(encrypted({}, splicedBase64), 'required', KEY)).toEqual({
			ok: false,
			reason: 'Signed header missing, but AES encryption is required',
		});
		expect(verifySignature(encrypted({}, splicedBase64), 'ifMarked', KEY)).toMatchObject({
			ok: true,
		});
		// With either captured Signed: refused in both modes.
		for (const signed of [aesSignature(one), aesSignature(two)])
			for (const mode of ['required', 'ifMarked'] as const)
				expect(verifySignature(encrypted({ signed }, splicedBase64), mode, KEY)).toEqual({
					ok: false,
					reason: 'Signed header does not match the decrypted body',
				});
		// The genuine callback passes.
		expect(
			verifySignature(
				encrypted({ signed: aesSignature(one) }, aesEncrypt(one, KEY)),
				'required',
				KEY,
			),
		).toEqual({ ok: true, text: one, encrypted: true });
	});
});
