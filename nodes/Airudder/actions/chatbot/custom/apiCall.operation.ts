import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { airudderChatbotRequest, CHATBOT_DOCS } from '../../../transport/chatbot/request';
import {
	customApiCallFields,
	customApiCallRequest,
	type CustomApiCallOptions,
} from '../../shared/customApiCall';
import { perItem } from '../../shared/operations';

/**
 * Custom API Call: any chatbot endpoint, for the pages of AIRudder's chatbot
 * section whose paths the reference could not read (template list, WABA accounts, send regular
 * message, end session, ...). Sent with the credential's X-AIRudder-Sign-Key / X-AIRudder-Sign;
 * the answer must be the chatbot envelope with `code` 200.
 * Fields and request reading: actions/shared/customApiCall.ts (shared with the AIRudder node).
 */
export const options: CustomApiCallOptions = {
	operationDescription:
		'Call any AIRudder chatbot endpoint with this credential. May send real messages, depending on the endpoint.',
	action: 'Call any AIRudder chatbot API endpoint that may send real messages',
	defaultMethod: 'POST',
	postDescription: 'Every chatbot endpoint AIRudder documents is POST',
	pathPlaceholder: 'e.g. /api/v1/session/messages',
	queryParameters: false,
	successCode: 200,
	operationId: 'chatbotCustomApiCall',
	docUrl: CHATBOT_DOCS,
};

export const description = customApiCallFields(options);

/** @returns one item per input item: the whole answer envelope `{ request_id, code, message, data }`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const { endpoint, body } = customApiCallRequest.call(this, itemIndex, options);
		return await airudderChatbotRequest.call(this, endpoint, { body, itemIndex });
	});
}
