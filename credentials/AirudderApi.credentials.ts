import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** Path of AIRudder's sign-in (APPKey/APPSecret → token), relative to the Base URL. */
const SIGN_IN_PATH = '/service/cloud/auth';

/** Default of Request Timeout (Seconds). */
const DEFAULT_TIMEOUT_SECONDS = 120;

/**
 * AIRudder API credential: APPKey + APPSecret exchanged for a 24 h token.
 *
 * n8n's own mechanism keeps the token: `sessionToken` is a hidden `expirable` property,
 * `preAuthentication` fills it (once, then again only when a request answers HTTP 401), and the
 * generic `authenticate` sends it as `Authorization: Token <token>` (one space, as documented).
 *
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-44712004
 */
export class AirudderApi implements ICredentialType {
	name = 'airudderApi';

	displayName = 'AIRudder API';

	icon: Icon = { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' };

	documentationUrl = 'https://developer.airudder.com/doc-1918333';

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'APPKey',
			name: 'appKey',
			type: 'string',
			required: true,
			default: '',
			description: 'The APPKey AIRudder issued for your account',
		},
		{
			displayName: 'APPSecret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The APPSecret paired with the APPKey',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.airudder.com',
			description:
				'AIRudder API address. Change it only for a private deployment or the local sandbox (e.g. http://127.0.0.1:8787). The key pair and token are sent to this address only: redirects are not followed.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'How long one request to AIRudder (the sign-in included) may take before it is given up. Reads that time out are retried (at most 3 attempts); a creation that times out is reported as possibly done, never retried.',
		},
		{
			displayName: 'Concurrent Reads',
			name: 'readConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				"How many input items' reads (Task → Get, workflow reads, recordings) are sent at once. The first goes alone, so that an expired token is refreshed once. Writes are always sent one at a time.",
		},
		{
			displayName: 'Encrypt Requests (AES)',
			name: 'encrypt',
			type: 'boolean',
			default: false,
			description:
				'Whether to AES-encrypt query strings and bodies and decrypt answers, as AIRudder\'s "加解密对接" page describes. Only turn it on when AIRudder enabled encryption for your account.',
		},
		{
			displayName: 'AES Key',
			name: 'aesSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { encrypt: [true] } },
			description: 'The AES key AIRudder gave you (16, 24 or 32 characters)',
		},
		{
			displayName: 'Process API Tenant ID',
			name: 'processTenantId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1024',
			description:
				'Only for Process → Get Node Read Status, which authenticates with its own tenantId header. Leave empty otherwise.',
		},
		{
			displayName: 'Process API Token',
			name: 'processToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for Process → Get Node Read Status: the user token sent in its token header. Leave empty otherwise.',
		},
	];

	/**
	 * Exchanges APPKey/APPSecret for a token at `POST {baseUrl}/service/cloud/auth`.
	 *
	 * The sign-in has the credential's Request Timeout and does not follow redirects: a 3xx is
	 * refused, so APPKey/APPSecret are never re-posted to another host.
	 *
	 * @returns `{ sessionToken }`, stored by n8n in the hidden expirable property.
	 * @throws Error with AIRudder's HTTP status, `code` and message when the key pair is refused
	 *   (HTTP 401/403, or HTTP 200 with a non-200 `code`), on a redirect, a time-out or a broken
	 *   connection (naming the sign-in URL and the network error code, e.g. ECONNREFUSED). A fresh
	 *   Error without `cause`: the request (with the APPSecret) stays behind, and AIRudder's message
	 *   is scrubbed of the key pair.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		const seconds = Number(credentials.timeout);
		const secrets = [credentials.appSecret, credentials.appKey]
			.filter((value): value is string => typeof value === 'string' && value.length >= 4)
			.sort((a, b) => b.length - a.length);
		const scrub = (text: string) =>
			secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
		let response: { statusCode: number; body: unknown; headers?: IDataObject };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}${SIGN_IN_PATH}`,
				headers: { 'Content-Type': 'application/json', 'User-Agent': 'Airudder' },
				body: { APPKey: credentials.appKey, APPSecret: credentials.appSecret },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: (seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
			})) as typeof response;
		} catch (error) {
			const { message, code } = error as { message?: string; code?: string };
			if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
				throw new Error(
					`AIRudder's sign-in at ${SIGN_IN_PATH} failed: no answer within ${seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS} s (Request Timeout). Check the Base URL and Request Timeout.`,
				);
			}
			// No answer at all (refused, unknown host): name the URL, never the secret.
			throw new Error(
				`Could not reach AIRudder at ${baseUrl}${SIGN_IN_PATH} (${scrub(String(code ?? message ?? 'no answer'))}). Check the Base URL (scheme, host and port) and that this n8n can reach it (network, proxy, firewall).`,
			);
		}
		if (response.statusCode >= 300 && response.statusCode < 400) {
			throw new Error(
				`AIRudder's sign-in at ${SIGN_IN_PATH} was answered with a redirect (HTTP ${response.statusCode}). Redirects are not followed, so that APPKey/APPSecret are never sent to another host: check the Base URL.`,
			);
		}
		const body = (
			typeof response.body === 'object' && response.body !== null ? response.body : {}
		) as IDataObject;
		const data = (body.data ?? {}) as IDataObject;
		if (
			response.statusCode === 200 &&
			Number(body.code) === 200 &&
			typeof data.token === 'string' &&
			data.token
		) {
			return { sessionToken: data.token };
		}
		const detail = [
			`HTTP ${response.statusCode}`,
			body.code !== undefined ? `code ${String(body.code)}` : undefined,
			typeof body.message === 'string'
				? body.message
				: typeof body.msg === 'string'
					? body.msg
					: undefined,
		]
			.filter(Boolean)
			.join(', ');
		throw new Error(
			`AIRudder refused the APPKey/APPSecret at ${SIGN_IN_PATH} (${scrub(detail)}). Check both values and the Base URL.`,
		);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Token {{$credentials.sessionToken}}' },
		},
	};

	/** Tested with the robot list, the simplest authenticated read AIRudder documents. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/service/cloud/robot',
			method: 'GET',
			disableFollowRedirect: true,
		},
	};
}
