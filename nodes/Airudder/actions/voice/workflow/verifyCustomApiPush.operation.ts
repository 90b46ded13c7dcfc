import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { compact } from '../../../helpers/contacts';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import {
	additionalBodyFields,
	additionalBodyFieldsProperty,
	forOperation,
	perItem,
	requiredString,
} from '../../shared/operations';
import { workflowIdProperty } from './workflowId';

/**
 * Workflow → Verify Custom API Push: "Verify the Custom API Node Data Push",
 * `POST /service/cloud/workflow/apinoticeinfo` with workflow_id, node_id, callee (required) and case_id.
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-58679239
 */
export const description = forOperation('workflow', 'verifyCustomApiPush', [
	workflowIdProperty,
	{
		displayName: 'Node ID',
		name: 'nodeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. api_node_1',
		description: 'The node_id of the Custom API node, as given in the push',
	},
	{
		displayName: 'Callee',
		name: 'callee',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +6212341234',
		description: 'The callee of the push',
	},
	{
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '',
		placeholder: 'e.g. C20250501001',
		description: "The contact's case_id, if it has one",
	},
	additionalBodyFieldsProperty,
]);

/** @returns one item per input item: the answer's `data` (fields not documented) with the envelope. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const body = compact({
			workflow_id: requiredString.call(this, 'workflowId', 'Workflow ID', itemIndex),
			node_id: requiredString.call(this, 'nodeId', 'Node ID', itemIndex),
			callee: requiredString.call(this, 'callee', 'Callee', itemIndex),
			case_id: this.getNodeParameter('caseId', itemIndex, '') as string,
			...additionalBodyFields.call(this, itemIndex),
		});
		return (await airudderApiRequest.call(this, ENDPOINTS.verifyCustomApiPush, {
			body,
			itemIndex,
		})) as IDataObject;
	});
}
