import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { customApiPath, forOperation, jsonObjectParameter, perItem } from '../../shared/operations';
import type { AirudderEndpoint } from '../../../transport/voice/endpoints';
import { airudderChatbotRequest, CHATBOT_DOCS } from '../../../transport/chatbot/request';

/**
 * Custom API Call → Make an API Call: any chatbot endpoint, for the pages of AIRudder's chatbot
 * section whose paths the reference could not read (template list, WABA accounts, send regular
 * message, end session, ...). Sent with the credential's X-AIRudder-Sign-Key / X-AIRudder-Sign;
 * the answer must be the chatbot envelope with `code` 200.
 */
export const description = forOperation('custom', 'apiCall', [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'POST',
		description: 'HTTP method of the endpoint, as its AIRudder doc page shows it',
		options: [
			{ name: 'GET', value: 'GET' },
			{
				name: 'POST',
				value: 'POST',
				description: 'Every chatbot endpoint AIRudder documents is POST',
			},
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /api/v1/session/messages',
		description: 'Path after the Base URL, starting with "/"',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['POST'] } },
		description: 'Request body as a JSON object',
	},
]);

/** @returns one item per input item: the whole answer envelope `{ request_id, code, message, data }`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
		const path = customApiPath.call(this, itemIndex);
		const endpoint: AirudderEndpoint = {
			operationId: 'chatbotCustomApiCall',
			method,
			path,
			docUrl: CHATBOT_DOCS,
			successCode: 200,
			partial: true,
			idempotent: method === 'GET',
		};
		const body =
			method === 'POST'
				? jsonObjectParameter.call(this, 'body', 'Body (JSON)', itemIndex)
				: undefined;
		return await airudderChatbotRequest.call(this, endpoint, { body, itemIndex });
	});
}
