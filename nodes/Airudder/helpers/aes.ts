import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * AIRudder's AES transport encryption ("加解密对接", the doc page below): AES-ECB, key = the key string's UTF-8 bytes
 * (16/24/32 bytes → AES-128/192/256), zero padding of 1–16 bytes 0x00 (never PKCS#7: a plaintext
 * whose length is a multiple of 16 gets a whole block of zeros), standard base64 output.
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64 (加解密对接)
 * The sandbox has its own independent codec on purpose (sandbox/aes.ts, crypto-js).
 */

function algorithmFor(key: Buffer): string {
	if (![16, 24, 32].includes(key.length)) {
		throw new RangeError(
			`The AES key must be 16, 24 or 32 bytes long in UTF-8 (it is ${key.length})`,
		);
	}
	return `aes-${key.length * 8}-ecb`;
}

/** Encrypts a UTF-8 plaintext; returns base64 ciphertext. Throws RangeError on a bad key length. */
export function aesEncrypt(plaintext: string, key: string): string {
	const keyBytes = Buffer.from(key, 'utf8');
	const data = Buffer.from(plaintext, 'utf8');
	const padded = Buffer.concat([data, Buffer.alloc(16 - (data.length % 16))]);
	const cipher = createCipheriv(algorithmFor(keyBytes), keyBytes, null);
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/**
 * Decrypts base64 ciphertext and strips the trailing 0x00 padding.
 * Throws RangeError on a bad key length or a ciphertext that is not whole 16-byte blocks.
 */
export function aesDecrypt(ciphertext: string, key: string): string {
	const keyBytes = Buffer.from(key, 'utf8');
	const data = Buffer.from(ciphertext.trim(), 'base64');
	if (data.length === 0 || data.length % 16 !== 0) {
		throw new RangeError('The encrypted text is not valid base64 of whole 16-byte AES blocks');
	}
	const decipher = createDecipheriv(algorithmFor(keyBytes), keyBytes, null);
	decipher.setAutoPadding(false);
	const plain = Buffer.concat([decipher.update(data), decipher.final()]);
	let end = plain.length;
	while (end > 0 && plain[end - 1] === 0) end--;
	return plain.subarray(0, end).toString('utf8');
}

/** The `Signed` header value: lowercase hex SHA-256 of the plaintext's UTF-8 bytes. */
export function aesSignature(plaintext: string): string {
	return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}
