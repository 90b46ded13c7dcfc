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

/** The QA sign-in path, relative to the Base URL (JSON `{APPKey, APPSecret}` → `data.token`). */
const QA_SIGN_IN_PATH = 'customer_token';

/**
 * The Base URL with exactly one '/' at its end, so that `base + path` joins with one slash whatever
 * the user typed (the production client concatenates `base_url + 'customer_token'`).
 */
const QA_BASE_EXPRESSION = '={{$credentials.baseUrl.trim().replace(/\\/+$/, "") + "/"}}';

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
				"The QA API address AIRudder gave you, with its path prefix if it has one (the requests go to <Base URL>/customer_token, <Base URL>/task and <Base URL>/task/recording). AIRudder publishes no QA host, so there is no default; the cloud API's https://api.airudder.com is not confirmed for QA. For the local sandbox: http://127.0.0.1:8787/qa/.",
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
	 * Exchanges APPKey/APPSecret for a token: `POST {baseUrl}/customer_token` with the JSON body
	 * `{APPKey, APPSecret}`, no Authorization header, no redirects.
	 *
	 * @returns `{ sessionToken }` (`data.token` of the answer), stored by n8n in the hidden
	 *   expirable property.
	 * @throws Error naming the HTTP status and AIRudder's status/code when the key pair is refused
	 *   (HTTP 401) or the answer carries no `data.token`. The secret itself is never included.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const base = `${String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')}/`;
		const seconds = Number(credentials.timeout);
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${base}${QA_SIGN_IN_PATH}`,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				APPKey: String(credentials.appKey ?? ''),
				APPSecret: String(credentials.appSecret ?? ''),
			}),
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: (seconds > 0 ? seconds : 120) * 1000,
		})) as { statusCode: number; body: unknown };
		let answer: IDataObject = {};
		try {
			const parsed = JSON.parse(String(response.body ?? '')) as unknown;
			if (parsed && typeof parsed === 'object') answer = parsed as IDataObject;
		} catch {
			answer = {};
		}
		const token = (answer.data as IDataObject | undefined)?.token;
		if (response.statusCode < 300 && typeof token === 'string' && token) {
			return { sessionToken: token };
		}
		const detail = [
			`HTTP ${response.statusCode}`,
			typeof answer.status === 'string' ? `status ${answer.status}` : undefined,
			answer.code !== undefined ? `code ${String(answer.code)}` : undefined,
		]
			.filter(Boolean)
			.join(', ');
		throw new Error(
			`AIRudder QA refused the APPKey/APPSecret at ${base}${QA_SIGN_IN_PATH} (${detail}). Check both values and the Base URL (with its path prefix).`,
		);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' },
		},
	};

	/**
	 * The QA API has no read: the test is the sign-in itself (no Authorization header), redirects
	 * refused. HTTP 2xx means the key pair was accepted.
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
