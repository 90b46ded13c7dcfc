import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	DEFAULT_BASE_URL,
	DEFAULT_TIMEOUT_SECONDS,
} from '../nodes/Airudder/transport/core/connection';

/**
 * AIRudder Chatbot API credential (WhatsApp / WABA chatbot endpoints under `/api/v1/`).
 *
 * Documented ("Send template message" and every chatbot page read): two request
 * headers, `X-AIRudder-Sign-Key: <api key>` and `X-AIRudder-Sign`. The chatbot endpoints do NOT
 * use the cloud API's `Authorization: Token ...`.
 *
 * NOT documented: how `X-AIRudder-Sign` is computed (the Quick Start page that presumably defines
 * it could not be read). Every documented example sends it EMPTY (curl `--header 'X-AIRudder-Sign;'`),
 * so it is a plain configurable value here, empty by default, sent as it is on every request.
 *
 * Credential test: one authenticated read, the documented message list (`POST
 * /api/v1/session/messages`, https://api-docs.airudder.com/api-196358697, the read the Chatbot
 * node's Message → Get Many uses) for an empty `call_id` and `size` 1. It sends no message to
 * anyone; a refused API key fails it with AIRudder's HTTP error. (The harmless reads, Query
 * available WABA accounts and Get company information, have no documented path.)
 *
 * Doc: https://apifox.com/apidoc/docs-site/1780479/doc-3647884 (Chatbot English doc page)
 */
export class AirudderChatbotApi implements ICredentialType {
	name = 'airudderChatbotApi';

	displayName = 'AIRudder Chatbot API';

	icon: Icon = { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' };

	documentationUrl = 'https://apifox.com/apidoc/docs-site/1780479/doc-3647884';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The chatbot API key AIRudder issued for your company, sent as the X-AIRudder-Sign-Key header',
		},
		{
			displayName: 'Signature (X-AIRudder-Sign)',
			name: 'signSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Value sent as the X-AIRudder-Sign header on every request. AIRudder's docs do not publish how this signature is computed and all their examples send it empty: leave it empty unless AIRudder gave you a fixed value.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'AIRudder chatbot API address (the chatbot paths /api/v1/... are added to it). Change it only for a private deployment or the local sandbox (e.g. http://127.0.0.1:8787). The API key is sent to this address only: redirects are not followed.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long one request to AIRudder may take before it is given up. Reads that time out are retried (at most 3 attempts); a message send that times out is reported, never sent again.',
		},
		{
			displayName: 'Concurrent Reads',
			name: 'readConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				"How many input items' reads (Message → Get Many) are sent at once. The first goes alone. Writes are always sent one at a time.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-AIRudder-Sign-Key': '={{$credentials.apiKey}}',
				'X-AIRudder-Sign': '={{$credentials.signSecret}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/session/messages',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { call_id: '', last_msg_id: '', size: 1 },
			json: true,
			disableFollowRedirect: true,
		},
	};
}
