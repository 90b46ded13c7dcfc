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

import { describeCode } from '../nodes/Airudder/helpers/errors';
import {
	DEFAULT_BASE_URL,
	DEFAULT_TIMEOUT_SECONDS,
	maxDownloadSizeProperty,
} from '../nodes/Airudder/transport/core/connection';
import { signIn } from '../nodes/Airudder/transport/core/signIn';

/** Path of AIRudder's sign-in (APPKey/APPSecret → token), relative to the Base URL. */
const SIGN_IN_PATH = '/service/cloud/auth';

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
			default: DEFAULT_BASE_URL,
			description:
				'AIRudder API address. Change it only for a private deployment or the local sandbox (e.g. http://127.0.0.1:8787). The key pair and token are sent to this address only: redirects are not followed.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
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
		maxDownloadSizeProperty,
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
	 * Exchanges APPKey/APPSecret for a token at `POST {baseUrl}/service/cloud/auth` (JSON body,
	 * answer `{code: 200, data: {token}}`), with the credential's Request Timeout and redirects off
	 * (the key pair is never posted to another host).
	 *
	 * @returns `{ sessionToken }`, stored by n8n in the hidden expirable property.
	 * @throws Error (scrubbed of the key pair): "AIRudder refused the APPKey/APPSecret: 401
	 *   ..." with AIRudder's code, its meaning and message; no answer within the Request Timeout; a
	 *   refused connection naming the origin; a refused redirect naming its host.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const token = await signIn.call(this, credentials, {
			label: 'AIRudder',
			path: SIGN_IN_PATH,
			encoding: 'json',
			fields: {
				APPKey: String(credentials.appKey ?? ''),
				APPSecret: String(credentials.appSecret ?? ''),
			},
			headers: { 'User-Agent': 'Airudder' },
			successCode: 200,
			token: (answer) => (answer.data as IDataObject | undefined)?.token,
			meaning: describeCode,
		});
		return { sessionToken: token };
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
