import type { IDataObject } from 'n8n-workflow';

/**
 * What AIRudder's codes mean, as far as the voice API's pages say (the global error-code table
 * itself could not be read).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/doc-1648295
 */
const KNOWN_ERROR_CODES: Readonly<Record<number, string>> = {
	401: 'Not authorised: the APPKey/APPSecret or the token was refused',
	403: 'Forbidden: the account may not use this API',
	500: 'AIRudder had a server-side failure',
};

/** At most this many characters of an unreadable answer are quoted in an error. */
const EXCERPT_LENGTH = 200;

/** Shortens a raw answer for an error message: whitespace folded, cut at 200 characters. */
export function excerpt(text: string): string {
	const folded = text.replace(/\s+/g, ' ').trim();
	return folded.length > EXCERPT_LENGTH ? `${folded.slice(0, EXCERPT_LENGTH)}…` : folded;
}

/** AIRudder's own message in an envelope (`message`, `msg` or `status`), if it has one. */
export function envelopeMessage(body: IDataObject): string | undefined {
	for (const key of ['message', 'msg', 'error', 'status']) {
		const value = body[key];
		if (typeof value === 'string' && value && value !== 'OK') return value;
	}
	return undefined;
}

/** Describes a non-success code: the known meaning, if any. */
export function describeCode(code: unknown): string | undefined {
	return KNOWN_ERROR_CODES[Number(code)];
}

/** Added to voice API errors while AES is on: a wrong key makes requests and answers unreadable. */
export const AES_KEY_HINT =
	"AES is on: with a wrong key AIRudder cannot decrypt the request and the node cannot decrypt the answer. Check that the credential's AES Secret Key is the one AIRudder gave your account";
