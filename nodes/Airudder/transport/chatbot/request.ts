import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { envelopeMessage, excerpt } from '../../helpers/errors';
import { scrubJson, scrubText, secretValues } from '../../helpers/scrub';
import { credentialOptions, runCredentials } from '../credentials';
import type { AirudderEndpoint } from '../endpoint';
import { brokenConnectionCode, header, retryDelay, withRetries } from '../retry';
import { isRedirectStatus, NO_REDIRECTS, redirectRefusedMessage } from '../safety';

import { CHATBOT_CREDENTIAL_TYPE } from './endpoints';

export { CHATBOT_CREDENTIAL_TYPE, CHATBOT_DOCS, CHATBOT_ENDPOINTS } from './endpoints';

/** The chatbot response envelope (every chatbot answer read has these four keys). */
export interface ChatbotEnvelope extends IDataObject {
	request_id?: string;
	code?: number;
	message?: string;
	data?: IDataObject | IDataObject[] | null;
}

/** Why an answer is not a success: the sentence for the user and the body to attach, if JSON. */
export interface ChatbotFailure {
	message: string;
	json?: IDataObject;
}

/**
 * Judges one chatbot answer (pure). Success: HTTP 2xx AND a JSON object whose `code` equals
 * `endpoint.successCode` (200). AIRudder can answer errors with HTTP 200, so the body decides.
 *
 * @param body the raw answer (string, Buffer or already-parsed object).
 * @returns `{ envelope }` on success, else `{ failure }` whose message names the endpoint, the
 *   code, AIRudder's message and the request_id — or, for a body that is not JSON (HTML, truncated
 *   text), a 200-character excerpt.
 */
export function judgeChatbotAnswer(
	endpoint: Pick<AirudderEndpoint, 'method' | 'path' | 'successCode'>,
	statusCode: number,
	body: unknown,
): { envelope: ChatbotEnvelope } | { failure: ChatbotFailure } {
	const where = `${endpoint.method} ${endpoint.path}`;
	const text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: JSON.stringify(body ?? '');
	let json: IDataObject | undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
			json = parsed as IDataObject;
	} catch {
		json = undefined;
	}
	if (!json) {
		return {
			failure: {
				message: `AIRudder answered ${where} with something that is not JSON (HTTP ${statusCode}): ${excerpt(text) || '(empty body)'}`,
			},
		};
	}
	const httpOk = statusCode >= 200 && statusCode < 300;
	if (httpOk && json.code !== undefined && Number(json.code) === endpoint.successCode)
		return { envelope: json as ChatbotEnvelope };
	const own = envelopeMessage(json);
	const code = [
		httpOk ? undefined : `HTTP ${statusCode}`,
		json.code !== undefined ? `code ${String(json.code)}` : 'no code',
	]
		.filter(Boolean)
		.join(', ');
	const requestId =
		typeof json.request_id === 'string' && json.request_id
			? ` (request_id ${json.request_id})`
			: '';
	return {
		failure: {
			message: `AIRudder answered ${where} with ${code}${own ? `: ${own}` : ''}${requestId}`,
			json,
		},
	};
}

/** Default time-out of one chatbot request, in s (the credential's Request Timeout). */
const DEFAULT_TIMEOUT_SECONDS = 120;

export interface ChatbotRequest {
	/** JSON body (POST). */
	body?: IDataObject;
	/** Item the request is for, named in errors. */
	itemIndex?: number;
}

/**
 * Sends one request to AIRudder's chatbot API with the `airudderChatbotApi` credential
 * (headers `X-AIRudder-Sign-Key` / `X-AIRudder-Sign`, added by the credential) and returns the
 * envelope `{ request_id, code, message, data }`.
 *
 * POST sends `body` as JSON (`Content-Type: application/json`); GET sends no body. Each attempt
 * has the credential's Request Timeout; redirects are not followed (transport/safety.ts), so the
 * API key never reaches another host. Only reads
 * (`endpoint.idempotent`, e.g. the message list) are retried, on 429/5xx/broken connections (see
 * retry.ts); sends never are: a retry could send a WhatsApp message twice.
 *
 * @throws NodeApiError when the body's `code` is not 200 (also under HTTP 200), on HTTP errors,
 *   with a short excerpt when the answer is not JSON, and on network failures. The message
 *   carries AIRudder's code, message and request_id; the description the doc page. Credential
 *   values never appear in it (nor in its `cause`): AIRudder's words are scrubbed of them.
 */
export async function airudderChatbotRequest(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	request: ChatbotRequest = {},
): Promise<ChatbotEnvelope> {
	const credentials = await runCredentials.call(this, CHATBOT_CREDENTIAL_TYPE);
	const credential = await credentialOptions.call(this, CHATBOT_CREDENTIAL_TYPE);
	const secrets = secretValues([credentials.apiKey, credentials.signSecret]);
	const seconds = Number(credentials.timeout);
	const timeoutMs = (seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		baseURL: String(credentials.baseUrl || 'https://api.airudder.com').replace(/\/+$/, ''),
		url: endpoint.path,
		headers: { 'Content-Type': 'application/json' },
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
		...NO_REDIRECTS,
	};
	if (endpoint.method === 'POST') options.body = JSON.stringify(request.body ?? {});
	const description = `Doc: ${endpoint.docUrl}`;
	const sent = await withRetries(
		endpoint.idempotent,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				CHATBOT_CREDENTIAL_TYPE,
				options,
				credential,
			)) as {
				statusCode: number;
				headers?: Record<string, string | string[] | undefined>;
				body: unknown;
			},
		// answered, not thrown (ignoreHttpStatusErrors): 429/5xx are retried too
		(answer, attempt) =>
			retryDelay(answer.statusCode, false, header(answer.headers, 'retry-after'), attempt),
	);
	if ('failure' in sent) {
		// Only the message and code travel on: the request config (with the API key header) stays behind.
		const failure = sent.failure as { message?: string; code?: string; cause?: { code?: string } };
		const code = brokenConnectionCode(failure) ?? failure.code ?? failure.cause?.code ?? null;
		const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
		const message = timedOut
			? `no answer within ${timeoutMs / 1000} s (Request Timeout)`
			: scrubText(failure.message ?? 'no answer', secrets);
		// the code under another key, none in the text: n8n would swap the message for its generic one
		throw new NodeApiError(this.getNode(), { message, connectionCode: code } as JsonObject, {
			message: `AIRudder ${endpoint.method} ${endpoint.path} failed: ${message}`,
			description,
			itemIndex: request.itemIndex,
		});
	}
	const response = sent.answer;
	if (isRedirectStatus(response.statusCode)) {
		throw new NodeApiError(this.getNode(), { code: null } as JsonObject, {
			message: redirectRefusedMessage(
				`AIRudder's ${endpoint.method} ${endpoint.path}`,
				response.statusCode,
				header(response.headers, 'location'),
			),
			description,
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		});
	}
	const judged = judgeChatbotAnswer(endpoint, response.statusCode, response.body);
	if ('envelope' in judged) return judged.envelope;
	throw new NodeApiError(
		this.getNode(),
		scrubJson(
			judged.failure.json ?? { body: excerpt(String(response.body ?? '')) },
			secrets,
		) as JsonObject,
		{
			message: scrubText(judged.failure.message, secrets),
			description,
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		},
	);
}
