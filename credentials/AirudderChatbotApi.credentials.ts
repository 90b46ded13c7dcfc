import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * AIRudder Chatbot API credential (WhatsApp / WABA chatbot endpoints under `/api/v1/`).
 *
 * Documented (seed 000, "Send template message", and every chatbot page read): two request
 * headers, `X-AIRudder-Sign-Key: <api key>` and `X-AIRudder-Sign`. The chatbot endpoints do NOT
 * use the cloud API's `Authorization: Token ...`.
 *
 * NOT documented: how `X-AIRudder-Sign` is computed (the Quick Start page that presumably defines
 * it could not be read). Every documented example sends it EMPTY (curl `--header 'X-AIRudder-Sign;'`),
 * so it is a plain configurable value here, empty by default, sent as it is on every request.
 *
 * No `test` request: every chatbot endpoint with a known path either sends a WhatsApp message
 * (template/send, huawei/message) or reads one real conversation (session/messages needs a call_id);
 * the harmless reads (Query available WABA accounts, Get company information) have no known path.
 *
 * Doc: https://apifox.com/apidoc/docs-site/1780479/doc-3647884 (Chatbot English doc page)
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required -- no documented chatbot endpoint is a harmless read (see above); a test would message a real WhatsApp user or call an invented path
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
			default: 'https://api.airudder.com',
			description:
				'AIRudder chatbot API address (the chatbot paths /api/v1/... are added to it). Change it only for a private deployment or the local sandbox (e.g. http://127.0.0.1:8787).',
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
}
