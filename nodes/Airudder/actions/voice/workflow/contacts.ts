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
import { asNodeError, perItemParameter } from '../../shared/operations';
import { runsAsTool } from '../../shared/tool';

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
				description:
					"Send every input item's JSON as one contact (not as an AI agent's tool: a tool call has no input item)",
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
		displayName: 'Contact Fields (Name and Value)',
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

/** One workflow contact: its input item and the contact, or why the node did not send it. */
interface WorkflowContact {
	itemIndex: number;
	contact: IDataObject;
	/** Set when the node's own check rejected the contact (it is then not sent). */
	rejection?: { field: string; msg: string; rejectedBy: 'node' };
}

/**
 * Reads one contact per input item. A contact that comes out empty is not sent: it gets a
 * `rejection` (the same per-contact outcome as Task → Create). @returns `[]` for source "none".
 */
export function readWorkflowContacts(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): WorkflowContact[] {
	const source = this.getNodeParameter('contactSource', 0) as string;
	if (source === 'none') return [];
	if (source === 'item' && runsAsTool.call(this)) {
		// an agent's tool call has no input item: its arguments would be sent as the contact
		throw new NodeOperationError(
			this.getNode(),
			'Contacts "Each Input Item as It Is" does not work as an AI agent\'s tool: the tool call has no input item. Set Contacts to "Fields Defined Below" and let the model fill each field\'s value ($fromAI).',
		);
	}
	const contactFields = perItemParameter.call(this, 'contactFields.field', []);
	return items.map((item, itemIndex) => {
		const contact =
			source === 'item'
				? compact(item.json)
				: compact(
						pairsToObject(contactFields(itemIndex) as Array<{ name?: string; value?: unknown }>),
					);
		return Object.keys(contact).length > 0
			? { itemIndex, contact }
			: {
					itemIndex,
					contact,
					rejection: { field: 'details', msg: 'the contact has no fields', rejectedBy: 'node' },
				};
	});
}

/**
 * The output of a workflow contact upload: one summary item `{ ...summary, contactsSent,
 * contactsRejected, requests }` paired to every input item, then one item per rejected contact
 * `{ workflow_id, rejected: true, rejection }` paired to its own item.
 */
export function workflowContactResults(
	items: INodeExecutionData[],
	contacts: WorkflowContact[],
	summary: IDataObject,
	requests: number,
): INodeExecutionData[] {
	const rejected = contacts.filter((c) => c.rejection);
	return [
		{
			json: {
				...summary,
				contactsSent: contacts.length - rejected.length,
				contactsRejected: rejected.length,
				requests,
			},
			pairedItem: items.map((_, item) => ({ item })),
		},
		...rejected.map(({ itemIndex, rejection }) => ({
			json: { workflow_id: summary.workflow_id, rejected: true, rejection } as IDataObject,
			pairedItem: { item: itemIndex },
		})),
	];
}

/**
 * Sends contact batches to `POST /service/cloud/workflow/uploaddetails` (`{ workflow_id, details }`),
 * one after the other. `sentBefore`: contacts already in the workflow task from this execution
 * (the first batch of Workflow → Create).
 * @throws the request's error when nothing was sent yet; otherwise a NodeOperationError naming the
 *   workflow task, how many contacts it has from this run and what to send again.
 */
export async function uploadContactBatches(
	this: IExecuteFunctions,
	workflowId: IDataObject[string],
	batches: IDataObject[][],
	sentBefore: number,
): Promise<void> {
	let sent = sentBefore;
	for (const details of batches) {
		try {
			await airudderApiRequest.call(this, ENDPOINTS.addWorkflowContacts, {
				body: { workflow_id: workflowId, details },
				itemIndex: 0,
			});
		} catch (caught) {
			if (sent === 0) throw asNodeError.call(this, caught, 0);
			throw new NodeOperationError(
				this.getNode(),
				`Workflow task ${String(workflowId)} got the first ${sent} contacts of this list; sending the next ${details.length} failed: ${(caught as Error).message}`,
				{
					description: `Do not send the whole list again: its first ${sent} contacts would be called twice. Send only the remaining contacts with Workflow → Add Contacts (Workflow ID ${String(workflowId)}).`,
				},
			);
		}
		sent += details.length;
	}
}
