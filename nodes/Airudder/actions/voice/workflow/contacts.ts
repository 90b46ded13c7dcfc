import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact, pairsToObject } from '../../../helpers/contacts';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { perItemParameter } from '../../shared/operations';

/**
 * Workflow contact lists (`details`). Their item fields are not documented (a public client passes
 * them through), so a contact is either the whole input item or name/value pairs the user sets.
 */
export const workflowContactProperties: INodeProperties[] = [
	{
		displayName: 'Contacts',
		name: 'contactSource',
		type: 'options',
		default: 'item',
		options: [
			{
				name: 'Each Input Item as It Is',
				value: 'item',
				description: "Send every input item's JSON as one contact",
			},
			{
				name: 'Fields Defined Below',
				value: 'fields',
				description: 'Build each contact from name/value pairs',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Send no contacts now (add them later with Add Contacts)',
			},
		],
		description:
			'Where the contacts (details) come from. Their field names are agreed with AIRudder for your workflow template.',
	},
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { contactSource: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. callee_number',
						description: 'The field name agreed with AIRudder for your workflow template',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.phone }}',
						description: "The field's value for this contact",
					},
				],
			},
		],
	},
];

/**
 * Reads one contact per input item. @returns `[]` for source "none".
 * @throws NodeOperationError naming the item when a contact comes out empty.
 */
export function readWorkflowContacts(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): IDataObject[] {
	const source = this.getNodeParameter('contactSource', 0) as string;
	if (source === 'none') return [];
	const contactFields = perItemParameter.call(this, 'contactFields.field', []);
	return items.map((item, itemIndex) => {
		const contact =
			source === 'item'
				? compact(item.json)
				: compact(
						pairsToObject(contactFields(itemIndex) as Array<{ name?: string; value?: unknown }>),
					);
		if (Object.keys(contact).length === 0) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: the contact has no fields`, {
				itemIndex,
			});
		}
		return contact;
	});
}

/**
 * Adds contact batches to an existing workflow task, one `POST /service/cloud/workflow/uploaddetails`
 * `{workflow_id, details}` per batch, in order (Add Contacts, and Create's lists above 10,000).
 * Errors name item 0 (the node sends once for all items).
 * @throws NodeApiError when AIRudder refuses a batch; the batches before it stay sent.
 */
export async function uploadWorkflowContacts(
	this: IExecuteFunctions,
	workflowId: IDataObject[string],
	batches: IDataObject[][],
): Promise<void> {
	for (const details of batches) {
		await airudderApiRequest.call(this, ENDPOINTS.addWorkflowContacts, {
			body: { workflow_id: workflowId, details },
			itemIndex: 0,
		});
	}
}
