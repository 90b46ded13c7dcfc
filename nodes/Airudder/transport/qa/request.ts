import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runCredentials } from '../credentials';
import { coreRequest, type ApiGroup } from '../core/request';
import type { AirudderEndpoint } from '../endpoint';
import { QA_CREDENTIAL_TYPE, QA_SUCCESS_STATUS } from './endpoints';
import type { StreamedBody } from './uploadBody';

/** What a QA call answers on success: the envelope's `status`, `code` and `data`. */
interface QaAnswer {
	status: string;
	code?: number;
	data: IDataObject;
}

/**
 * The QA (speech analytics) API on the request core: JSON bodies, `Authorization: Bearer <token>`
 * from the credential's JSON sign-in (`customer_token`); an answer succeeds when its `status` is
 * 'OK' (the production client's only test), its payload is `{status, code, data}`. Messages name
 * the item ("Item 2: ...").
 */
export const QA: ApiGroup<QaAnswer> = {
	credentialType: QA_CREDENTIAL_TYPE,
	label: 'AIRudder QA',
	secretFields: ['appKey', 'appSecret', 'sessionToken'],
	secretHeaders: ['authorization'],
	itemInMessage: true,
	accept(_endpoint, parsed) {
		const json = parsed.json;
		if (!json || json.status !== QA_SUCCESS_STATUS) return undefined;
		const data = json.data;
		return {
			status: QA_SUCCESS_STATUS,
			code: json.code === undefined ? undefined : Number(json.code),
			data: data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {},
		};
	},
	explain(_endpoint, parsed) {
		const json = parsed.json ?? {};
		const own = [
			json.status !== undefined ? `status ${String(json.status)}` : undefined,
			typeof json.message === 'string' ? json.message : undefined,
		]
			.filter(Boolean)
			.join(', ');
		return { code: json.code, own: own || undefined };
	},
};

/**
 * The credential's Base URL, checked before anything is sent (the QA API has no default host).
 * @throws NodeOperationError naming the item and the credential field when it is empty or not an
 *   http(s) URL without query or fragment.
 */
async function checkQaBaseUrl(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	const credentials = await runCredentials.call(this, QA_CREDENTIAL_TYPE);
	const raw = String(credentials.baseUrl ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (url && /^https?:$/.test(url.protocol) && !url.search && !url.hash && url.hostname) return;
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: the Base URL of the AIRudder QA API credential ${raw ? `("${raw}") is not an http(s) address without ? or #` : 'is empty'}`,
		{
			itemIndex,
			description:
				'Credential field: Base URL. Give the QA address AIRudder gave you, with its path prefix, e.g. https://qa.example.com/api/ (the node adds customer_token, task, task/recording).',
		},
	);
}

/**
 * Sends one QA call with the `airudderQaApi` credential through the request core: JSON to
 * `<Base URL>/<path>` (or, for an upload, the streamed body of transport/qa/uploadBody.ts),
 * `Authorization: Bearer <token>` added by the credential; n8n signs in when there is no token
 * yet, and again once when the call answers HTTP 401, then sends it again (a streamed body is
 * read from the start again). Redirects are refused; nothing is retried otherwise (every QA call
 * is a write). No AIRudder doc page: a production client's calls (juloserver
 * collops_qa_automation/clients/quality_assurance_airudder.py).
 *
 * @returns `{status: 'OK', code, data}`.
 * @throws NodeApiError in the core's vocabulary, e.g. "Item 0: AIRudder QA answered PUT /task with
 *   code 400: status ERROR, TaskID is not a task", a refused sign-in, no answer within the Request
 *   Timeout. Credential values never appear in it.
 */
export async function qaRequest(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	body: IDataObject | StreamedBody,
	itemIndex: number,
): Promise<QaAnswer> {
	await checkQaBaseUrl.call(this, itemIndex);
	if (!(Symbol.toStringTag in body))
		return await coreRequest(this, QA, endpoint, { body, itemIndex });
	// The upload: the core prepares the request as JSON; the body sent is the streamed one.
	const upload: ApiGroup<QaAnswer> = {
		...QA,
		encode(options) {
			options.body = body as unknown as IDataObject;
		},
	};
	return await coreRequest(this, upload, endpoint, { itemIndex });
}
