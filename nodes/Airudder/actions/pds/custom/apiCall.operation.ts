import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { PDS_SOURCE } from '../../../transport/pds/endpoints';
import { pdsRequest } from '../../../transport/pds/request';
import {
	customApiCallFields,
	customApiCallRequest,
	type CustomApiCallOptions,
} from '../../shared/customApiCall';
import { perItem } from '../../shared/operations';

/**
 * Custom API Call (Predictive Dialer): any PDS endpoint, e.g. the dialer operations the reference
 * names without a known path (task start/pause/stop, agent login). `POST <Base URL><Path>` with
 * the JSON body and the credential's `Authorization: Token`, through `pdsRequest` (the answer's
 * `code` must be 0; redirects are not followed). The Path must start with one "/" (no other
 * host can be reached) and is relative to the credential's Base URL, so it includes
 * `/service/callcenter/call/predict/...`.
 * Fields and request reading: actions/shared/customApiCall.ts (shared with the other nodes).
 */
export const options: CustomApiCallOptions = {
	operationDescription:
		'Call any Predictive Dialer endpoint with this credential. May change tasks or place calls, depending on the endpoint.',
	action: 'Call any predictive dialer API endpoint that may change tasks or place real calls',
	defaultMethod: 'POST',
	postOnly: true,
	postDescription: 'Every Predictive Dialer endpoint is POST with a JSON body',
	pathPlaceholder: 'e.g. /service/callcenter/call/predict/querytasklist',
	queryParameters: false,
	successCode: 0,
	operationId: 'pdsCustomApiCall',
	docUrl: PDS_SOURCE,
};

export const description = customApiCallFields(options);

/**
 * @returns one item per input item: the answer's `body` (an array answer as `{ body: [...] }`).
 * @throws NodeOperationError (bad Path or Body, before sending) or NodeApiError (PDS error code).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const { endpoint, body } = customApiCallRequest.call(this, itemIndex, options);
		const answer = await pdsRequest.call(this, endpoint, body ?? {}, itemIndex);
		return Array.isArray(answer) ? { body: answer as IDataObject[] } : answer;
	});
}
