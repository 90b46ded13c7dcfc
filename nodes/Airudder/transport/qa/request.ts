import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { excerpt } from '../../helpers/errors';
import { credentialOptions, runCredentials } from '../credentials';
import type { AirudderEndpoint } from '../endpoint';
import { brokenConnectionCode, failedResponse, failureStatus } from '../retry';
import { QA_CREDENTIAL_TYPE, QA_SUCCESS_STATUS } from './endpoints';
import type { StreamedBody } from './uploadBody';

/** Default time-out of one request in s. */
const QA_DEFAULT_TIMEOUT_SECONDS = 120;

/**
 * The credential's Base URL with exactly one '/' at its end (requests are `base + path`).
 * @throws NodeOperationError naming the item and the credential field when it is empty or not an
 *   http(s) URL without query or fragment: nothing is sent then.
 */
export async function qaBaseUrl(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await runCredentials.call(this, QA_CREDENTIAL_TYPE);
	const raw = String(credentials.baseUrl ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || !url.hostname) {
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
	return `${raw.replace(/\/+$/, '')}/`;
}

/** What a QA call answers on success: the envelope's `status`, `code` and `data`. */
export interface QaAnswer {
	status: string;
	code?: number;
	data: IDataObject;
}

function parse(body: unknown): IDataObject | undefined {
	try {
		const parsed = JSON.parse(typeof body === 'string' ? body : String(body ?? '')) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * Sends one QA call with the `airudderQaApi` credential: JSON (or a streamed upload body) to
 * `<Base URL>/<endpoint.path>`, `Authorization: Bearer <token>` added by the credential; n8n signs
 * in (the credential's preAuthentication) when there is no token yet, and again once when the
 * call answers HTTP 401, then sends it again. No redirects are followed, nothing is retried
 * otherwise (every QA call is a write).
 *
 * @returns the answer's `{status, code, data}` when `status` is 'OK'.
 * @throws NodeApiError "Item i: AIRudder QA answered <METHOD path> ..." naming the HTTP status,
 *   AIRudder's status, code and message, or the connection failure.
 */
export async function qaRequest(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	body: IDataObject | StreamedBody,
	itemIndex: number,
): Promise<QaAnswer> {
	const base = await qaBaseUrl.call(this, itemIndex);
	const credentials = await runCredentials.call(this, QA_CREDENTIAL_TYPE);
	const seconds = Number(credentials.timeout);
	const where = `${endpoint.method} ${endpoint.path}`;
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		url: `${base}${endpoint.path}`,
		headers: { 'Content-Type': 'application/json' },
		body: (Symbol.toStringTag in body ? body : JSON.stringify(body)) as IHttpRequestOptions['body'],
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		timeout: (seconds > 0 ? seconds : QA_DEFAULT_TIMEOUT_SECONDS) * 1000,
		disableFollowRedirect: true,
	};
	let response: { statusCode: number; body: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			QA_CREDENTIAL_TYPE,
			options,
			await credentialOptions.call(this, QA_CREDENTIAL_TYPE),
		)) as { statusCode: number; body: unknown };
	} catch (error) {
		const status = failureStatus(error);
		const answer = failedResponse(error);
		const refused = /AIRudder QA refused the APPKey\/APPSecret[^]*/.exec(
			String((error as Error).message),
		);
		if (refused && status === undefined) {
			throw new NodeApiError(this.getNode(), { message: refused[0] } as JsonObject, {
				message: `Item ${itemIndex}: ${refused[0]}`,
				description: `Signing in before ${where}. Source: ${endpoint.docUrl}`,
				itemIndex,
			});
		}
		if (status === undefined || answer === undefined) {
			throw new NodeApiError(this.getNode(), { message: (error as Error).message } as JsonObject, {
				message: `Item ${itemIndex}: the connection to AIRudder QA failed, timed out (Request Timeout of the credential) or broke off during ${where}`,
				description: `${brokenConnectionCode(error) ?? (error as Error).message}. Source: ${endpoint.docUrl}`,
				itemIndex,
			});
		}
		response = { statusCode: status, body: answer.body ?? answer.data };
	}
	const json = parse(response.body);
	if (response.statusCode < 300 && json?.status === QA_SUCCESS_STATUS) {
		const data = json.data;
		return {
			status: QA_SUCCESS_STATUS,
			code: json.code === undefined ? undefined : Number(json.code),
			data: data && typeof data === 'object' ? (data as IDataObject) : {},
		};
	}
	const said = json
		? [
				json.status !== undefined ? `status ${String(json.status)}` : undefined,
				json.code !== undefined ? `code ${String(json.code)}` : undefined,
				typeof json.message === 'string' ? json.message : undefined,
			]
				.filter(Boolean)
				.join(', ')
		: `not JSON: ${excerpt(String(response.body ?? '')) || '(empty body)'}`;
	throw new NodeApiError(this.getNode(), (json ?? {}) as JsonObject, {
		message: `Item ${itemIndex}: AIRudder QA answered ${where} with HTTP ${response.statusCode} (${said})${response.statusCode === 401 ? ', even after signing in again: check the APPKey/APPSecret and Base URL' : ''}${response.statusCode >= 300 && response.statusCode < 400 ? ': redirects are not followed, check the Base URL' : ''}`,
		description: `Success is status "${QA_SUCCESS_STATUS}". Source: ${endpoint.docUrl}`,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}
