import CryptoJS from 'crypto-js';

import { aesDecrypt, aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';

const KEY = 'airudderredduria';

/** The same scheme with crypto-js, the library AIRudder's JavaScript integrators use. */
function cryptoJsEncrypt(plaintext: string, key: string): string {
	return CryptoJS.AES.encrypt(CryptoJS.enc.Utf8.parse(plaintext), CryptoJS.enc.Utf8.parse(key), {
		mode: CryptoJS.mode.ECB,
		padding: CryptoJS.pad.ZeroPadding,
	}).toString();
}

describe('AES transport codec', () => {
	it('reproduces the docs worked example byte for byte (GET task detail)', () => {
		const plaintext = 'TaskID=69f531a01a9df58aa6de2487be610abb';
		expect(aesEncrypt(plaintext, KEY)).toBe(
			'qbj8cnqKnqR66qDS49ib9ymU1mpMCyp8Dm0gS1VvmnEqTxPGSBzruAU1sapP+cye',
		);
		expect(aesSignature(plaintext)).toBe(
			'6956d7af4c89b89f19f9ae0a8be4bcf12abe7c6ed893691733f3480ad3f3aabc',
		);
		expect(
			aesDecrypt('qbj8cnqKnqR66qDS49ib9ymU1mpMCyp8Dm0gS1VvmnEqTxPGSBzruAU1sapP+cye', KEY),
		).toBe(plaintext);
	});

	it.each([
		[
			'block aligned (16 bytes): a whole block of zeros is added',
			'0123456789abcdef',
			'6eK3sOQOSuWBIj7Fj0MdEggkmNTgimEHedXC8888uR0=',
		],
		['empty plaintext: one block of zeros', '', 'CCSY1OCKYQd51cLzzzy5HQ=='],
		[
			'multi-byte UTF-8',
			'{"Customer":"测试","Mobile":"+6212345678"}',
			'UkzuI3HLMyGEhtiKyL0IUpPI/OH53REjUmXHYGsH86xslvdBuadOmfZyslX7Ri8V',
		],
	])('matches the reference vector: %s', (_label, plaintext, ciphertext) => {
		expect(aesEncrypt(plaintext, KEY)).toBe(ciphertext);
		expect(aesDecrypt(ciphertext, KEY)).toBe(plaintext);
	});

	it('pads with 1–16 zero bytes, never PKCS#7', () => {
		for (const length of [0, 1, 15, 16, 17, 31, 32, 33]) {
			const plaintext = 'x'.repeat(length);
			const bytes = Buffer.from(aesEncrypt(plaintext, KEY), 'base64').length;
			expect(bytes).toBe((Math.floor(length / 16) + 1) * 16);
		}
	});

	it('agrees with crypto-js for non-aligned plaintexts (crypto-js adds no block when aligned)', () => {
		for (const plaintext of [
			'TaskID=1',
			'{"a":"ü€😀"}',
			'x'.repeat(17),
			'{"TaskName":"t","Details":[{"Mobile":"+62"}]}',
		]) {
			expect(aesEncrypt(plaintext, KEY)).toBe(cryptoJsEncrypt(plaintext, KEY));
		}
	});

	it('works with 24- and 32-byte keys and refuses other lengths', () => {
		for (const key of ['k'.repeat(24), 'k'.repeat(32)]) {
			expect(aesDecrypt(aesEncrypt('hello', key), key)).toBe('hello');
			expect(aesEncrypt('hello', key)).toBe(cryptoJsEncrypt('hello', key));
		}
		expect(() => aesEncrypt('hello', 'short')).toThrow(/16, 24 or 32 bytes/);
	});

	it('refuses ciphertext that is not whole AES blocks', () => {
		expect(() => aesDecrypt('not base64 blocks', KEY)).toThrow(/16-byte/);
	});
});
