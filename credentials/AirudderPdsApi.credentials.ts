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

/** The PDS sign-in (form-encoded APPKey/APPSecret → `body.token`), relative to the Base URL. */
const PDS_SIGN_IN_PATH = '/service/callcenter/call/predict/auth';

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
 * Source: shared/airudder-api/pds.openapi.yaml (`pdsToken`, from a third-party production client;
 * no AIRudder doc page).
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
			default: 'https://api.airudder.com',
			description:
				"The PDS API address of your account. AIRudder configures it per account: confirm it with AIRudder (the default is the cloud API's address, which is plausible but not confirmed for the PDS). For the local sandbox use e.g. http://127.0.0.1:8787.",
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
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
	];

	/**
	 * Exchanges APPKey/APPSecret for a token: `POST {baseUrl}/service/callcenter/call/predict/auth`
	 * with the form fields `APPKey` and `APPSecret`, no Authorization header.
	 *
	 * @returns `{ sessionToken }`, stored by n8n in the hidden expirable property.
	 * @throws Error naming the HTTP status, AIRudder's `code` and message when the key pair is refused
	 *   (HTTP 401, or a `code` other than 0). The secret itself is never included.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		const seconds = Number(credentials.timeout);
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}${PDS_SIGN_IN_PATH}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				APPKey: String(credentials.appKey ?? ''),
				APPSecret: String(credentials.appSecret ?? ''),
			}).toString(),
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
		const token = (answer.body as IDataObject | undefined)?.token;
		if (
			response.statusCode === 200 &&
			answer.code !== undefined &&
			Number(answer.code) === 0 &&
			typeof token === 'string' &&
			token
		) {
			return { sessionToken: token };
		}
		const detail = [
			`HTTP ${response.statusCode}`,
			answer.code !== undefined ? `code ${String(answer.code)}` : undefined,
			typeof answer.message === 'string' ? answer.message : undefined,
		]
			.filter(Boolean)
			.join(', ');
		throw new Error(
			`AIRudder PDS refused the APPKey/APPSecret at ${PDS_SIGN_IN_PATH} (${detail}). Check both values and the Base URL.`,
		);
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
		},
	};
}
