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

import {
	DEFAULT_BASE_URL,
	DEFAULT_TIMEOUT_SECONDS,
	maxDownloadSizeProperty,
} from '../nodes/Airudder/transport/core/connection';
import { signIn } from '../nodes/Airudder/transport/core/signIn';
import { PDS_PATH_PREFIX } from '../nodes/Airudder/transport/pds/endpoints';
import { pdsCodeMeaning } from '../nodes/Airudder/transport/pds/errors';

/**
 * AIRudder Predictive Dialer (PDS) API credential: the PDS APPKey + APPSecret exchanged for a token
 * at `POST {baseUrl}/service/callcenter/call/predict/auth` (FORM-encoded, answer
 * `{code: 0, body: {token}}`), sent as `Authorization: Token <token>`.
 *
 * n8n's own mechanism keeps the token: `sessionToken` is a hidden `expirable` property,
 * `preAuthentication` fills it (once, then again only when a call answers HTTP 401), and the
 * generic `authenticate` adds the header. Whether a PDS token and a cloud token (AIRudder API
 * credential) are interchangeable is unknown, hence a credential of its own.
 *
 * No AIRudder doc page describes the PDS: the contract comes from a third-party production client.
 */
export class AirudderPdsApi implements ICredentialType {
	name = 'airudderPdsApi';

	displayName = 'AIRudder Predictive Dialer API';

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
			description: 'The APPKey AIRudder issued for the Predictive Dialer (PDS) of your account',
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
			displayName:
				"Base URL not confirmed: AIRudder sets the Predictive Dialer's API address per account, and the default below (the cloud API's address) is a guess. Ask AIRudder for yours before you place calls.",
			name: 'baseUrlNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				"The PDS API address of your account. AIRudder configures it per account: confirm it with AIRudder (the default is the cloud API's address, which is plausible but not confirmed for the PDS). For the local sandbox use e.g. http://127.0.0.1:8787.",
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long one request may take before it is given up (the production client the reference comes from uses 120 s). Reads that time out are retried (at most 3 attempts); a task creation, copy or cancellation never is.',
		},
		{
			displayName: 'Concurrent Reads',
			name: 'readConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				"How many input items' reads (Task → Get Many, Call → Get Records, Call → Get Recording) are sent at once. The first goes alone, so an expired token is refreshed once. Writes are always sent one at a time.",
		},
		maxDownloadSizeProperty,
	];

	/**
	 * Exchanges APPKey/APPSecret for a token: `POST {baseUrl}/service/callcenter/call/predict/auth`
	 * with the form fields `APPKey` and `APPSecret`, no Authorization header, answer
	 * `{code: 0, body: {token}}`; the credential's Request Timeout, redirects off.
	 *
	 * @returns `{ sessionToken }`, stored by n8n in the hidden expirable property.
	 * @throws Error (scrubbed of the key pair): "AIRudder PDS refused the APPKey/APPSecret:
	 *   10301 Invalid app key (...)" with the code looked up in the PDS code table; no answer within
	 *   the Request Timeout; a refused connection naming the origin; a refused redirect.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const token = await signIn.call(this, credentials, {
			label: 'AIRudder PDS',
			path: `${PDS_PATH_PREFIX}/auth`,
			encoding: 'form',
			fields: {
				APPKey: String(credentials.appKey ?? ''),
				APPSecret: String(credentials.appSecret ?? ''),
			},
			successCode: 0,
			token: (answer) => (answer.body as IDataObject | undefined)?.token,
			meaning: pdsCodeMeaning,
		});
		return { sessionToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Token {{$credentials.sessionToken}}' },
		},
	};

	/** Tested with the cheapest read the client knows: the task list of one second, limit 1. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/service/callcenter/call/predict/querytasklist',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { minstarttime: '2020-01-01 00:00:00', maxstarttime: '2020-01-01 00:00:01', limit: 1 },
			json: true,
			disableFollowRedirect: true,
		},
	};
}
