import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/**
 * Connection settings every AIRudder credential shares (voice, chatbot, Predictive Dialer, and any
 * later API group): the Base URL, the Request Timeout and the download size cap, each with its one
 * default. The credentials' editor defaults and the request core read the same constants.
 */

/** The cloud API's address: https://developer.airudder.com/doc-1918333 */
export const DEFAULT_BASE_URL = 'https://api.airudder.com';

/** Default Request Timeout (seconds) of one request, the sign-in included. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/** Default Max Download Size (MB) of one downloaded file (a recording or a recordings archive). */
const DEFAULT_MAX_DOWNLOAD_MB = 200;

/** The Max Download Size field of the credentials whose nodes download files (voice, PDS). */
export const maxDownloadSizeProperty: INodeProperties = {
	displayName: 'Max Download Size (MB)',
	name: 'maxDownloadMb',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_DOWNLOAD_MB,
	description:
		'The largest recording file (or recordings archive) a download may be. A larger file is refused instead of being stored.',
};

/** The credential's Base URL without trailing slashes (the cloud address when empty). */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const value = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (value || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** The credential's Request Timeout in seconds (the default when unset or not positive). */
export function timeoutSecondsOf(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.timeout);
	return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
}

/** The credential's Max Download Size in bytes (the default when unset or not positive). */
export function maxDownloadBytesOf(credentials: ICredentialDataDecryptedObject): number {
	const mb = Number(credentials.maxDownloadMb);
	return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_DOWNLOAD_MB) * 1024 * 1024;
}

/** The origin of a URL (`scheme://host:port`), or undefined when it is not an absolute URL. */
export function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}
