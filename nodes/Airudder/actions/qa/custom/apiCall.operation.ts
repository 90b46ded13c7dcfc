import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { QA_SOURCE } from '../../../transport/qa/endpoints';
import { qaRequest } from '../../../transport/qa/request';
import {
	customApiCallFields,
	customApiCallRequest,
	type CustomApiCallOptions,
} from '../../shared/customApiCall';
import { perItem } from '../../shared/operations';

/**
 * Custom API Call (QA): any QA endpoint, e.g. a field the node's operations do not send.
 * `POST` or `PUT <Base URL><Path>` with the JSON body and the credential's
 * `Authorization: Bearer <token>`, through `qaRequest` (success is `status: 'OK'`; a 401 signs in
 * again once; redirects are refused; never retried). The Path must start with one "/" (no other
 * host can be reached) and is relative to the credential's Base URL, e.g. `/task`.
 * No AIRudder doc page: the QA API is known from a production client's calls, which use POST and
 * PUT only.
 * Fields and request reading: actions/shared/customApiCall.ts (shared with the other nodes).
 */
export const options: CustomApiCallOptions = {
	operationDescription:
		'Call any QA endpoint with this credential. May send recordings to AIRudder or start or cancel their analysis, depending on the endpoint.',
	action: 'Call any QA API endpoint that may send recordings or change tasks',
	defaultMethod: 'POST',
	methods: ['POST', 'PUT'],
	postDescription: 'E.g. POST /task creates a task, POST /task/recording uploads recordings',
	putDescription: 'E.g. PUT /task with {"TaskID", "Action": "Start"} or "Cancel"',
	pathPlaceholder: 'e.g. /task',
	queryParameters: false,
	successCode: 200,
	operationId: 'qaCustomApiCall',
	docUrl: QA_SOURCE,
};

export const description = customApiCallFields(options);

/**
 * @returns one item per input item: the answer's `{status, code, data}` (`status` is 'OK').
 * @throws NodeOperationError (bad Path or Body, or Base URL, before sending) or NodeApiError (an
 *   answer whose status is not OK, naming the item).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const { endpoint, body } = customApiCallRequest.call(this, itemIndex, options);
		return (await qaRequest.call(this, endpoint, body ?? {}, itemIndex)) as unknown as IDataObject;
	});
}
