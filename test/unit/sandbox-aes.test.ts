import { aesDecrypt, aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';
import { sandboxDecrypt, sandboxEncrypt, sandboxSign } from '../../sandbox/aes';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Json } from '../support/json';

/**
 * The sandbox's AES transport (crypto-js) against the docs' worked example, the reference's
 * vectors and the nodes' independent node:crypto codec; then AES mode over HTTP.
 * Reference: `x-encryption` / `x-aes-test-vectors` in leads-inbound-encryption.openapi.yaml.
 */
const KEY = 'airudderredduria';

describe('sandbox AES codec (crypto-js)', () => {
	it('reproduces the docs worked example byte for byte (GET task detail)', () => {
		const plaintext = 'TaskID=69f531a01a9df58aa6de2487be610abb';
		const ciphertext = 'qbj8cnqKnqR66qDS49ib9ymU1mpMCyp8Dm0gS1VvmnEqTxPGSBzruAU1sapP+cye';
		expect(sandboxEncrypt(plaintext, KEY)).toBe(ciphertext);
		expect(sandboxSign(plaintext)).toBe(
			'6956d7af4c89b89f19f9ae0a8be4bcf12abe7c6ed893691733f3480ad3f3aabc',
		);
		expect(sandboxDecrypt(ciphertext, KEY)).toBe(plaintext);
		// 39 bytes + 9 zero bytes of padding = 48 bytes (paddedPlaintextHex of the reference).
		expect(Buffer.from(ciphertext, 'base64')).toHaveLength(48);
	});

	it.each([
		[
			'block aligned: a whole block of zeros',
			'0123456789abcdef',
			'6eK3sOQOSuWBIj7Fj0MdEggkmNTgimEHedXC8888uR0=',
			'9f9f5111f7b27a781f1f1ddde5ebc2dd2b796bfc7365c9c28b548e564176929f',
		],
		[
			'empty plaintext',
			'',
			'CCSY1OCKYQd51cLzzzy5HQ==',
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		],
		[
			'multi-byte UTF-8',
			'{"Customer":"测试","Mobile":"+6212345678"}',
			'UkzuI3HLMyGEhtiKyL0IUpPI/OH53REjUmXHYGsH86xslvdBuadOmfZyslX7Ri8V',
			'92c3bcf21b03ef7435d0fbcbfd276d90277a34367bb985bf8e26767a84503737',
		],
	])('matches the reference vector: %s', (_label, plaintext, ciphertext, signed) => {
		expect(sandboxEncrypt(plaintext, KEY)).toBe(ciphertext);
		expect(sandboxSign(plaintext)).toBe(signed);
		if (plaintext !== '') expect(sandboxDecrypt(ciphertext, KEY)).toBe(plaintext);
	});

	it('agrees with the nodes codec (node:crypto) both ways, for all padding lengths and key sizes', () => {
		for (const key of [KEY, 'k'.repeat(24), 'k'.repeat(32)]) {
			for (let length = 0; length <= 48; length++) {
				const plaintext = 'é'.repeat(length % 3) + 'x'.repeat(length);
				expect(sandboxEncrypt(plaintext, key)).toBe(aesEncrypt(plaintext, key));
				expect(aesDecrypt(sandboxEncrypt(plaintext, key), key)).toBe(plaintext);
				if (plaintext) expect(sandboxDecrypt(aesEncrypt(plaintext, key), key)).toBe(plaintext);
			}
		}
		expect(sandboxSign('{"a":"ü€😀"}')).toBe(aesSignature('{"a":"ü€😀"}'));
	});

	it('refuses text that is not base64 of whole 16-byte blocks, and wrong keys', () => {
		expect(() => sandboxDecrypt('not base64!', KEY)).toThrow(/base64/);
		expect(() => sandboxDecrypt('AAAA', KEY)).toThrow(/16-byte/);
		expect(() => sandboxEncrypt('x', 'short')).toThrow(/16, 24 or 32/);
	});
});

describe('AES mode over HTTP', () => {
	let sandbox: Sandbox;
	let token: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ aesKey: KEY });
		const auth = await fetch(`${sandbox.url}/service/cloud/auth`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ APPKey: 'sandbox-app-key', APPSecret: 'sandbox-app-secret' }),
		});
		// The token exchange stays plain JSON.
		expect(auth.headers.get('is-encrypted')).toBeNull();
		token = ((await auth.json()) as Json).data.token;
	});

	afterAll(async () => {
		await sandbox.close();
	});

	/** Sends like the docs: query string / body replaced by the ciphertext; decrypts the answer. */
	async function encrypted(method: 'GET' | 'POST', path: string, plaintext: string) {
		const ciphertext = aesEncrypt(plaintext, KEY);
		const response = await fetch(
			`${sandbox.url}${path}${method === 'GET' ? `?${ciphertext}` : ''}`,
			{
				method,
				headers: {
					Authorization: `Token ${token}`,
					'Is-Encrypted': '1',
					Signed: aesSignature(plaintext),
				},
				body: method === 'POST' ? ciphertext : undefined,
			},
		);
		const text = await response.text();
		return { response, text, ciphertext };
	}

	function open(answer: { response: Response; text: string }): Json {
		expect(answer.response.headers.get('is-encrypted')).toBe('1');
		const plaintext = aesDecrypt(answer.text, KEY);
		expect(answer.response.headers.get('signed')).toBe(aesSignature(plaintext));
		return JSON.parse(plaintext) as Json;
	}

	it('decrypts a POST, verifies Signed, and answers encrypted and signed', async () => {
		const body = JSON.stringify({
			TaskName: 'aes-task',
			StartImmediately: true,
			RobotID: 'r',
			SIPLine: 'L',
			RepeatInterval: 0,
			RepeatNumber: 0,
			Type: 'promotion',
			Perform: 1,
			Details: [{ Mobile: '+6212345678', Platform: 'P', Customer: '测试' }],
		});
		sandbox.clearRequests();
		const answer = await encrypted('POST', '/service/cloud/v2/task', body);
		expect(answer.response.status).toBe(200);
		const json = open(answer);
		expect(json).toEqual({
			data: { TaskID: expect.stringMatching(/^[0-9a-f]{32}$/) },
			status: 'OK',
			code: 200,
		});
		expect(sandbox.requests[0]).toMatchObject({
			encrypted: true,
			rawBody: answer.ciphertext,
			body: JSON.parse(body),
		});
		expect(sandbox.tasks.get(json.data.TaskID)!.contacts[0].Customer).toBe('测试');
	});

	it('decrypts a GET whose whole query string is the ciphertext (the docs example request)', async () => {
		const answer = await encrypted(
			'GET',
			'/service/cloud/detail',
			'TaskID=69f531a01a9df58aa6de2487be610abb',
		);
		expect(answer.ciphertext).toBe(
			'qbj8cnqKnqR66qDS49ib9ymU1mpMCyp8Dm0gS1VvmnEqTxPGSBzruAU1sapP+cye',
		);
		const json = open(answer);
		expect(json.code).not.toBe(200); // no such task here; the point is the transport
		expect(json.message).toContain('69f531a01a9df58aa6de2487be610abb');
		const recorded = sandbox.requests[sandbox.requests.length - 1];
		expect(recorded).toMatchObject({
			query: { TaskID: '69f531a01a9df58aa6de2487be610abb' },
			rawQuery: answer.ciphertext,
			encrypted: true,
		});
	});

	it('also accepts a percent-encoded ciphertext in the query', async () => {
		const taskId = [...sandbox.tasks.keys()][0];
		const plaintext = `TaskID=${taskId}`;
		const response = await fetch(
			`${sandbox.url}/service/cloud/detail?${encodeURIComponent(aesEncrypt(plaintext, KEY))}`,
			{
				headers: {
					Authorization: `Token ${token}`,
					'Is-Encrypted': '1',
					Signed: aesSignature(plaintext),
				},
			},
		);
		expect(open({ response, text: await response.text() }).data.TaskID).toBe(taskId);
	});

	it.each<[string, () => Promise<Response>, RegExp]>([
		[
			'an unencrypted business call',
			() =>
				fetch(`${sandbox.url}/service/cloud/robot`, {
					headers: { Authorization: `Token ${token}` },
				}),
			/encrypted/,
		],
		[
			'a wrong Signed',
			() =>
				fetch(`${sandbox.url}/service/cloud/robot?${aesEncrypt('', KEY)}`, {
					headers: { Authorization: `Token ${token}`, 'Is-Encrypted': '1', Signed: 'f'.repeat(64) },
				}),
			/Signed/,
		],
		[
			'a missing Signed',
			() =>
				fetch(`${sandbox.url}/service/cloud/robot?${aesEncrypt('', KEY)}`, {
					headers: { Authorization: `Token ${token}`, 'Is-Encrypted': '1' },
				}),
			/Signed/,
		],
		[
			'an undecryptable body',
			() =>
				fetch(`${sandbox.url}/service/cloud/v2/task`, {
					method: 'POST',
					headers: {
						Authorization: `Token ${token}`,
						'Is-Encrypted': '1',
						Signed: aesSignature('{}'),
					},
					body: 'this is not ciphertext',
				}),
			/decrypt/,
		],
		[
			'a body encrypted with another key',
			() =>
				fetch(`${sandbox.url}/service/cloud/v2/task`, {
					method: 'POST',
					headers: {
						Authorization: `Token ${token}`,
						'Is-Encrypted': '1',
						Signed: aesSignature('{"TaskName":"x"}'),
					},
					body: aesEncrypt('{"TaskName":"x"}', 'another-key-1234'),
				}),
			/decrypt|Signed/,
		],
	])('refuses %s with HTTP 400 and a non-200 code', async (_label, send, message) => {
		const response = await send();
		expect(response.status).toBe(400);
		const json = (await response.json()) as Json;
		expect(json.code).not.toBe(200);
		expect(json.message).toMatch(message);
	});

	it('refuses Is-Encrypted when it runs without a key', async () => {
		const plain = await startSandbox();
		try {
			const auth = (await (
				await fetch(`${plain.url}/service/cloud/auth`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ APPKey: 'sandbox-app-key', APPSecret: 'sandbox-app-secret' }),
				})
			).json()) as Json;
			const response = await fetch(`${plain.url}/service/cloud/robot?${aesEncrypt('', KEY)}`, {
				headers: {
					Authorization: `Token ${auth.data.token}`,
					'Is-Encrypted': '1',
					Signed: aesSignature(''),
				},
			});
			expect(response.status).toBe(400);
		} finally {
			await plain.close();
		}
	});

	it('refuses to start with a key that is not 16, 24 or 32 bytes', async () => {
		await expect(startSandbox({ aesKey: 'short' })).rejects.toThrow(/16, 24 or 32/);
	});
});
