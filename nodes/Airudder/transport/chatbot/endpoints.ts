import type { AirudderEndpoint } from '../endpoint';

export const CHATBOT_CREDENTIAL_TYPE = 'airudderChatbotApi';

/** Chatbot section of AIRudder's docs ("Chatbot English"); pages without a known URL point here. */
export const CHATBOT_DOCS = 'https://apifox.com/apidoc/docs-site/1780479/doc-3647884';

function chatbotEndpoint(
	operationId: string,
	path: string,
	docUrl: string,
	extra: Pick<AirudderEndpoint, 'partial' | 'idempotent'>,
): AirudderEndpoint {
	return { operationId, method: 'POST', path, docUrl, successCode: 200, ...extra };
}

/**
 * Every chatbot endpoint the nodes call (Chatbot English, https://apifox.com/apidoc/docs-site/1780479/doc-3647884): all POST with
 * a JSON body, success = body `code` 200. Endpoints of the chatbot section whose paths are unknown
 * (`x-unresolved-operations`) are reachable only through Custom API Call.
 */
export const CHATBOT_ENDPOINTS = {
	/** Documented in full; the page's own URL is not known, so the section's doc page is given. */
	sendTemplateMessage: chatbotEndpoint(
		'chatbotSendTemplateMessage',
		'/api/v1/template/send',
		`${CHATBOT_DOCS} (Chatbot English › Send template message)`,
		{
			partial: false,
			idempotent: false,
		},
	),
	/** Request/response known from examples only: call_id, last_msg_id, size (+ type in one variant). */
	listMessages: chatbotEndpoint(
		'chatbotQueryMessageList',
		'/api/v1/session/messages',
		'https://api-docs.airudder.com/api-196358697',
		{
			partial: true,
			idempotent: true,
		},
	),
	/** Request example only; the response body was not captured. */
	huaweiUserSendMessage: chatbotEndpoint(
		'chatbotHuaweiUserSendMessage',
		'/api/v1/channel/huawei/message',
		'https://api-docs.airudder.com/api-185886081',
		{
			partial: true,
			idempotent: false,
		},
	),
} satisfies Record<string, AirudderEndpoint>;
