import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { airudderApiRequest } from '../../../transport/voice/request';
import {
	customApiCallFields,
	customApiCallRequest,
	type CustomApiCallOptions,
} from '../../shared/customApiCall';
import { perItem } from '../../shared/operations';

/**
 * Custom API Call: any AIRudder cloud endpoint (plans, strategies, the
 * endpoints whose paths the docs did not show), sent with the credential's token and, when on, AES.
 * The answer's `code` must equal "Success Code" (200 for the cloud API, 0 for SMS/PDS).
 * Fields and request reading: actions/shared/customApiCall.ts (shared with the Chatbot node).
 */
export const options: CustomApiCallOptions = {
	operationDescription:
		'Call any AIRudder endpoint with this credential. May place calls or send messages, depending on the endpoint.',
	action: 'Call any AIRudder API endpoint that may place calls or send messages',
	defaultMethod: 'GET',
	pathPlaceholder: 'e.g. /service/cloud/detail',
	queryParameters: true,
	successCode: 'parameter',
	pathHint: ' (use Query Parameters)',
	operationId: 'customApiCall',
	docUrl: 'https://developer.airudder.com/doc-1918333',
};

export const description = customApiCallFields(options);

/** @returns one item per input item: the whole answer envelope. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const { endpoint, qs, body } = customApiCallRequest.call(this, itemIndex, options);
		return await airudderApiRequest.call(this, endpoint, { qs, body, itemIndex });
	});
}
