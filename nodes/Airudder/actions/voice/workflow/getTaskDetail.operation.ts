import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { airudderApiRequest, CREDENTIAL_TYPE } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import {
	forOperation,
	jsonObjectParameter,
	perItemConcurrent,
	readConcurrency,
} from '../../shared/operations';

/**
 * Workflow → Get Outbound Task Details: "Obtain the Outbound Task Details of Workflow",
 * `POST /service/cloud/workflow/taskdetail`. Its request fields were not readable, so the body is
 * given as JSON (e.g. the IDs from a workflow notification).
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-154573225
 */
export const description = forOperation('workflow', 'getTaskDetail', [
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		required: true,
		default: '{}',
		description:
			'Request body as a JSON object. AIRudder did not publish its fields in a readable form; use the fields your account manager gave you.',
	},
]);

/** @returns one item per input item: the whole answer envelope. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, CREDENTIAL_TYPE);
	return await perItemConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const body = jsonObjectParameter.call(this, 'body', 'Body (JSON)', itemIndex);
		return (await airudderApiRequest.call(this, ENDPOINTS.getWorkflowTaskDetail, {
			body,
			itemIndex,
		})) as IDataObject;
	});
}
