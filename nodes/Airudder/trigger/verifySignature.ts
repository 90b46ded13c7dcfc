import { aesDecrypt, aesSignature } from '../helpers/aes';
import { headerValue, safeEqual, type SecretCarrier } from './verifySecret';

/**
 * The AES check of the AIRudder triggers (the AIRudder Callback credential's AES Decryption).
 *
 * AIRudder's "回调数据加解密对接" (callback encryption) page could not be read. ASSUMPTION: an
 * encrypted callback uses the API transport scheme (AIRudder's encryption page,
 * https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64): the raw body is the
 * standard-base64 AES-ECB/zero-padded ciphertext of the JSON text, with headers `Is-Encrypted: 1` and `Signed: <lowercase hex SHA-256 of the plaintext>`.
 *
 * `Signed` is an INTEGRITY check, not proof of the sender: it is an unkeyed SHA-256 of the
 * plaintext, which anyone can compute. It refuses a body that was changed (or spliced) and sent
 * with its old `Signed`. ECB encrypts each 16-byte block on its own, so blocks of captured callbacks
 * can be spliced into a new ciphertext that still decrypts; sent with the SHA-256 of its plaintext
 * as `Signed`, such a splice passes. Only the AES key keeps out senders that have captured nothing
 * (without it no body decrypts to JSON); the shared secret and the IP allowlist say who sent it.
 * With "Required" the header must be present and match; with "When Marked Encrypted" it is checked
 * when sent.
 */

export type EncryptionMode = 'off' | 'ifMarked' | 'required';

/** What {@link verifySignature} found: the plaintext to parse, or why the callback is refused. */
type SignatureVerdict =
	| { ok: true; text: string; encrypted: boolean }
	| { ok: false; reason: string };

/**
 * Decrypts an encrypted callback and checks its `Signed` header, or passes a plain one through.
 * Refusals (HTTP 400 for the caller): encrypted while decryption is off; unencrypted while it is
 * required; undecryptable; `Signed` missing (required mode) or not matching the plaintext.
 * The content type of a plain callback is not checked here (the guard does).
 *
 * @param aesKey 16/24/32 UTF-8 bytes when `mode` is not `off`.
 */
export function verifySignature(
	request: SecretCarrier & { rawBody: Buffer },
	mode: EncryptionMode,
	aesKey: string,
): SignatureVerdict {
	const encrypted = headerValue(request.headers, 'is-encrypted') === '1';
	if (!encrypted) {
		if (mode === 'required')
			return { ok: false, reason: 'unencrypted callback, but AES encryption is required' };
		return { ok: true, text: request.rawBody.toString('utf8'), encrypted };
	}
	if (mode === 'off') return { ok: false, reason: 'encrypted callback, but AES decryption is off' };
	let text: string;
	try {
		text = aesDecrypt(request.rawBody.toString('utf8'), aesKey);
	} catch {
		return { ok: false, reason: 'body cannot be AES-decrypted' };
	}
	const signed = headerValue(request.headers, 'signed');
	if (signed === undefined && mode === 'required')
		return { ok: false, reason: 'Signed header missing, but AES encryption is required' };
	if (signed !== undefined && !safeEqual(signed.trim().toLowerCase(), aesSignature(text)))
		return { ok: false, reason: 'Signed header does not match the decrypted body' };
	return { ok: true, text, encrypted };
}
