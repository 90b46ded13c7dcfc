import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { aesDecrypt, aesEncrypt, aesSignature } from '../../helpers/aes';
import { AES_KEY_HINT, describeCode, envelopeMessage } from '../../helpers/errors';
import { parseJson, type AirudderFile, type Parsed } from '../core/answers';
import { coreFetch, coreRequest, type ApiGroup, type CoreRequest } from '../core/request';
import { header } from '../retry';
import type { AirudderEndpoint } from '../endpoint';

export { isAmbiguousFailure } from '../core/request';
export type { AirudderFile } from '../core/answers';

export const CREDENTIAL_TYPE = 'airudderApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

type AirudderRequest = CoreRequest;

/** The AES key while the credential's Encrypt Requests is on, else undefined. */
function aesKeyOf(credentials: IDataObject): string | undefined {
	return credentials.encrypt === true ? String(credentials.aesSecretKey ?? '') : undefined;
}

/**
 * The voice API on the request core: AES when the credential turns it on (the docs' "加解密对接"
 * page, https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/doc-1648295), and the answer's
 * `code` envelope (`endpoint.successCode` in `endpoint.codeField`, `code` by default).
 */
export const VOICE: ApiGroup<IDataObject> = {
	credentialType: CREDENTIAL_TYPE,
	label: 'AIRudder',
	secretFields: ['appKey', 'appSecret', 'sessionToken', 'aesSecretKey', 'processToken'],
	secretHeaders: ['authorization', 'token', 'tenantid'],
	headers: { 'User-Agent': 'Airudder' },
	encode(options, endpoint, plaintext, credentials) {
		const key = aesKeyOf(credentials);
		if (key === undefined) return;
		const ciphertext = aesEncrypt(plaintext, key);
		options.headers = { ...options.headers, 'Is-Encrypted': '1', Signed: aesSignature(plaintext) };
		// The docs send the raw base64 as the whole query string, without a parameter name.
		if (endpoint.method === 'GET') options.url = `${endpoint.path}?${ciphertext}`;
		// A Buffer is sent as it is; a string body that is not JSON would be JSON-quoted by n8n.
		else options.body = Buffer.from(ciphertext, 'utf8');
	},
	decode(text, headers, credentials): Parsed {
		const key = aesKeyOf(credentials);
		if (key === undefined || header(headers, 'Is-Encrypted') !== '1') return parseJson(text);
		try {
			return parseJson(aesDecrypt(text, key));
		} catch {
			return {
				text,
				unreadable: "could not be decrypted with the credential's AES Secret Key",
			};
		}
	},
	accept(endpoint, parsed) {
		const code = parsed.json?.[endpoint.codeField ?? 'code'];
		return code !== undefined && Number(code) === endpoint.successCode ? parsed.json : undefined;
	},
	explain(endpoint, parsed) {
		const code = parsed.json?.[endpoint.codeField ?? 'code'];
		return { code, own: parsed.json && envelopeMessage(parsed.json), meaning: describeCode(code) };
	},
	hint: (credentials) => (aesKeyOf(credentials) !== undefined ? AES_KEY_HINT : undefined),
};

/**
 * Sends one request to AIRudder with the `airudderApi` credential and returns the parsed envelope
 * (`{data, status, code}` — or whatever JSON object the endpoint answers).
 *
 * - Auth: n8n's `httpRequestWithAuthentication`; the token is fetched by the credential's
 *   `preAuthentication` once and refreshed once on HTTP 401.
 * - AES (credential option): query/body encrypted, `Is-Encrypted`/`Signed` headers, answers
 *   decrypted.
 * - Reads (`endpoint.idempotent`) are retried up to 2 times on 429/5xx/time-outs (retry.ts);
 *   writes never are. Redirects are refused.
 *
 * @throws NodeApiError in the core's vocabulary (transport/core/vocabulary.ts): AIRudder's code and
 *   message when the body's code is not `endpoint.successCode` (also under HTTP 200), the HTTP
 *   status on HTTP errors, a 200-character excerpt when the answer is not JSON.
 */
export async function airudderApiRequest(
	this: Context,
	endpoint: AirudderEndpoint,
	request: AirudderRequest = {},
): Promise<IDataObject> {
	return await coreRequest(this, VOICE, endpoint, request);
}

/**
 * Like `airudderApiRequest`, for endpoints that may answer either with a JSON envelope (e.g.
 * links) or with a file (recordings: the reference does not say which). The answer is streamed;
 * only a JSON/text answer (≤ 1 MiB) is read whole, decrypted and checked like any other.
 *
 * @returns `{ json }` for an envelope, `{ file }` for anything else (audio, zip, octet-stream).
 * @throws NodeApiError as `airudderApiRequest` does.
 */
export async function airudderApiFetch(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	request: AirudderRequest = {},
): Promise<{ json: IDataObject } | { file: AirudderFile }> {
	return await coreFetch(this, VOICE, endpoint, request);
}
