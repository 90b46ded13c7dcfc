import CryptoJS from 'crypto-js';

/**
 * AIRudder's AES transport ("API接口使用AES加解密对接", `x-encryption` and `x-aes-test-vectors` in
 * leads-inbound-encryption.openapi.yaml), implemented with crypto-js on purpose: the nodes use
 * node:crypto, so the sandbox is an independent implementation of the same documented scheme.
 * Keep it separate from nodes/Airudder/helpers/aes.ts: test/unit/sandbox-aes.test.ts checks one
 * against the other, which a shared codec could not (one bug would pass on both sides).
 *
 * - AES-ECB, key = the key string's UTF-8 bytes (16/24/32 bytes → AES-128/192/256), no IV;
 * - zero padding: always 16 − (len mod 16) bytes 0x00, i.e. 1–16 bytes (never PKCS#7);
 *   decryption strips every trailing 0x00 (the docs' Python `rstrip(b'\0')`);
 * - standard base64 of the ciphertext;
 * - `Signed` = lowercase hex SHA-256 of the plaintext's UTF-8 bytes (plain digest, not HMAC).
 *
 * Docs: https://developer.airudder.com/doc-6917040, https://apifox.com/apidoc/docs-site/1780479/doc-1678219,
 * worked example https://api-docs.airudder.com/apidoc/docs-site/1780479/doc-1678229
 */

type WordArray = CryptoJS.lib.WordArray;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function keyBytes(key: string): WordArray {
	const bytes = CryptoJS.enc.Utf8.parse(key);
	if (![16, 24, 32].includes(bytes.sigBytes)) {
		throw new RangeError(`AES key must be 16, 24 or 32 bytes in UTF-8 (it is ${bytes.sigBytes})`);
	}
	return bytes;
}

/** Throws RangeError unless `key` is usable (16, 24 or 32 UTF-8 bytes). */
export function checkAesKey(key: string): void {
	keyBytes(key);
}

/** Encrypts UTF-8 `plaintext` with zero padding of 1–16 bytes; returns base64. */
export function sandboxEncrypt(plaintext: string, key: string): string {
	const data = CryptoJS.enc.Utf8.parse(plaintext);
	const pad = 16 - (data.sigBytes % 16);
	data.concat(CryptoJS.lib.WordArray.create(new Array(Math.ceil(pad / 4)).fill(0), pad));
	const encrypted = CryptoJS.AES.encrypt(data, keyBytes(key), {
		mode: CryptoJS.mode.ECB,
		padding: CryptoJS.pad.NoPadding,
	});
	return encrypted.ciphertext.toString(CryptoJS.enc.Base64);
}

/**
 * Decrypts base64 `ciphertext` and strips trailing 0x00 bytes.
 * @throws Error when the text is not base64 of whole 16-byte blocks or the result is not UTF-8.
 */
export function sandboxDecrypt(ciphertext: string, key: string): string {
	if (ciphertext === '' || !BASE64.test(ciphertext))
		throw new Error('the ciphertext is not standard base64');
	const data = CryptoJS.enc.Base64.parse(ciphertext);
	if (data.sigBytes === 0 || data.sigBytes % 16 !== 0)
		throw new Error('the ciphertext is not whole 16-byte AES blocks');
	const plain = CryptoJS.AES.decrypt(
		CryptoJS.lib.CipherParams.create({ ciphertext: data }),
		keyBytes(key),
		{
			mode: CryptoJS.mode.ECB,
			padding: CryptoJS.pad.NoPadding,
		},
	);
	let length = plain.sigBytes;
	while (
		length > 0 &&
		((plain.words[(length - 1) >>> 2] >>> (24 - ((length - 1) % 4) * 8)) & 0xff) === 0
	)
		length--;
	plain.sigBytes = length;
	plain.clamp();
	try {
		return CryptoJS.enc.Utf8.stringify(plain);
	} catch {
		throw new Error('the decrypted bytes are not UTF-8 (wrong key?)');
	}
}

/** The `Signed` header value: lowercase hex SHA-256 of the UTF-8 bytes of `plaintext`. */
export function sandboxSign(plaintext: string): string {
	return CryptoJS.SHA256(CryptoJS.enc.Utf8.parse(plaintext)).toString(CryptoJS.enc.Hex);
}
