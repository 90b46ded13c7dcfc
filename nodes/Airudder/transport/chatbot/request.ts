import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { envelopeMessage } from '../../helpers/errors';
import type { AirudderEndpoint } from '../endpoint';
import { coreRequest, type ApiGroup } from '../core/request';
import { CHATBOT_CREDENTIAL_TYPE } from './endpoints';

export { CHATBOT_CREDENTIAL_TYPE, CHATBOT_DOCS, CHATBOT_ENDPOINTS } from './endpoints';

/** The chatbot response envelope (every chatbot answer read has these four keys). */
interface ChatbotEnvelope extends IDataObject {
	request_id?: string;
	code?: number;
	message?: string;
	data?: IDataObject | IDataObject[] | null;
}

/**
 * The chatbot API on the request core: the credential adds `X-AIRudder-Sign-Key` /
 * `X-AIRudder-Sign`; an answer succeeds when its body's `code` is `endpoint.successCode` (200),
 * AIRudder's message and `request_id` are quoted otherwise.
 * Doc: https://apifox.com/apidoc/docs-site/1780479/doc-3647884
 */
export const CHATBOT: ApiGroup<ChatbotEnvelope> = {
	credentialType: CHATBOT_CREDENTIAL_TYPE,
	label: 'AIRudder',
	secretFields: ['apiKey', 'signSecret'],
	secretHeaders: ['x-airudder-sign-key', 'x-airudder-sign'],
	accept(endpoint, parsed) {
		const code = parsed.json?.code;
		return code !== undefined && Number(code) === endpoint.successCode
			? (parsed.json as ChatbotEnvelope)
			: undefined;
	},
	explain(_endpoint, parsed) {
		const json = parsed.json ?? {};
		const requestId =
			typeof json.request_id === 'string' && json.request_id
				? `(request_id ${json.request_id})`
				: '';
		const own = [envelopeMessage(json), requestId].filter(Boolean).join(' ');
		return { code: json.code, own: own || undefined };
	},
};

interface ChatbotRequest {
	/** JSON body (POST). */
	body?: IDataObject;
	/** Item the request is for, named in errors. */
	itemIndex?: number;
}

/**
 * Sends one request to AIRudder's chatbot API with the `airudderChatbotApi` credential and
 * returns the envelope `{ request_id, code, message, data }`.
 *
 * POST sends `body` as JSON. Each attempt has the credential's Request Timeout; redirects are
 * refused, so the API key never reaches another host. Only reads (`endpoint.idempotent`, e.g. the
 * message list) are retried, on 429/5xx/broken connections; sends never are: a retry could send a
 * WhatsApp message twice.
 *
 * @throws NodeApiError in the core's vocabulary (transport/core/vocabulary.ts): the code, message
 *   and request_id when the body's `code` is not 200 (also under HTTP 200), the HTTP status on HTTP
 *   errors, an excerpt when the answer is not JSON, and what happened when no answer came.
 *   Credential values never appear in it.
 */
export async function airudderChatbotRequest(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	request: ChatbotRequest = {},
): Promise<ChatbotEnvelope> {
	return await coreRequest(this, CHATBOT, endpoint, request);
}
