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

import { signIn } from '../nodes/Airudder/transport/core/signIn';
import { QA_SIGN_IN_PATH } from '../nodes/Airudder/transport/qa/endpoints';

/** The Base URL without trailing slashes: the paths start with '/' (joined with exactly one). */
const QA_BASE_EXPRESSION = '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}';

/**
 * AIRudder QA (speech analytics) API credential: the QA APPKey + APPSecret exchanged for a token at
 * `POST {baseUrl}/customer_token` (JSON `{APPKey, APPSecret}`, answer `{data: {token}}`), sent as
 * `Authorization: Bearer <token>`.
 *
 * n8n's own mechanism keeps the token: `sessionToken` is a hidden `expirable` property,
 * `preAuthentication` fills it (once, then again only when a call answers HTTP 401), and the
 * generic `authenticate` adds the header. The Base URL has no default: AIRudder publishes no QA
 * host (a production client reads it from its configuration).
 *
 * Source: no AIRudder doc page; a third-party production client (juloserver
 * collops_qa_automation/clients/quality_assurance_airudder.py).
 */
export class AirudderQaApi implements ICredentialType {
	name = 'airudderQaApi';

	displayName = 'AIRudder QA API';

	icon: Icon = { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' };

	documentationUrl = 'https://developer.airudder.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://qa.example.com/api/',
			description:
				"The QA API address AIRudder gave you, with its path prefix if it has one (the requests go to the Base URL followed by customer_token, task and task/recording). AIRudder publishes no QA host, so there is no default; the cloud API's https://api.airudder.com is not confirmed for QA. For the local sandbox: http://127.0.0.1:8787/qa/.",
		},
		{
			displayName: 'APPKey',
			name: 'appKey',
			type: 'string',
			required: true,
			default: '',
			description:
				'The APPKey AIRudder issued for the QA API (whether the cloud or dialer key pair also works for QA is unknown)',
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
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'How long one request may take before it is given up, the upload of a recording included (the production client sets none). Nothing the QA node sends is ever retried after a time-out: every QA call is a write.',
		},
	];

	/**
	 * Exchanges APPKey/APPSecret for a token through the request core's sign-in: `POST
	 * {baseUrl}/customer_token` with the JSON body `{APPKey, APPSecret}`, no Authorization header,
	 * the token read from `data.token` (the production client checks nothing else), the
	 * credential's Request Timeout, redirects refused.
	 *
	 * @returns `{ sessionToken }`, stored by n8n in the hidden expirable property.
	 * @throws Error (scrubbed of the key pair): "AIRudder QA refused the APPKey/APPSecret: HTTP 401
	 *   (at /customer_token)..."; no answer within the Request Timeout; a refused connection naming
	 *   the origin; a refused redirect; an empty Base URL.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (!String(credentials.baseUrl ?? '').trim())
			throw new Error(
				'The AIRudder QA API credential has no Base URL (AIRudder gives it per account).',
			);
		const token = await signIn.call(this, credentials, {
			label: 'AIRudder QA',
			path: QA_SIGN_IN_PATH,
			encoding: 'json',
			fields: {
				APPKey: String(credentials.appKey ?? ''),
				APPSecret: String(credentials.appSecret ?? ''),
			},
			codeField: null,
			successCode: 200,
			token: (answer) => (answer.data as IDataObject | undefined)?.token,
		});
		return { sessionToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' },
		},
	};

	/**
	 * The QA API has no read: the test is the sign-in itself (n8n first signs in through
	 * `preAuthentication`, then sends this request), redirects refused. HTTP 2xx means the key pair
	 * was accepted; a refusal shows the sign-in's message.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: QA_BASE_EXPRESSION,
			url: QA_SIGN_IN_PATH,
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: {
				APPKey: '={{$credentials.appKey}}',
				APPSecret: '={{$credentials.appSecret}}',
			},
			json: true,
			disableFollowRedirect: true,
		},
	};
}
