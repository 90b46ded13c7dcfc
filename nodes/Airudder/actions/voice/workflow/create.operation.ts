import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../helpers/contacts';
import { formatWithOffset, parseDateTime } from '../../../helpers/time';
import { TASK_RULES } from '../task/validation';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import {
	additionalBodyFieldsProperty,
	forOperation,
	jsonObjectParameter,
} from '../../shared/operations';
import { accountTimeZone, accountTimeZoneProperty, TIME_FIELD_HINT } from '../../shared/timeZone';
import { failEveryItem, rejectionsAsErrors } from '../../shared/outcomes';
import {
	readWorkflowContacts,
	uploadContactBatches,
	workflowContactProperties,
	workflowContactResults,
} from './contacts';

/**
 * Workflow → Create: "Create a New WorkFlow Task", `POST /service/cloud/workflow/createinstance`
 * with workflow_template_id, name, end_time (required) and the first ≤ 10,000 contacts as `details`;
 * further contacts go to `/service/cloud/workflow/uploaddetails` in batches of 10,000.
 * end_time is sent as `YYYY-MM-DD hh:mm:ss+hh:mm` in the account zone (the form a public client
 * uses; the docs' format was not readable).
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-45238811
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Workflow Template ID',
		name: 'workflowTemplateId',
		type: 'number',
		required: true,
		default: 0,
		description: 'ID of the workflow template built in the iCall console',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. collection_0501_batch1',
		description: 'Name of the new workflow task',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the workflow task ends',
		hint: TIME_FIELD_HINT,
	},
	accountTimeZoneProperty,
	...workflowContactProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Auto Finish',
				name: 'auto_finish',
				type: 'number',
				default: 2,
				description: 'Finish behaviour switch (AIRudder default 2; its values are not published)',
			},
			{
				displayName: 'Workflow Name',
				name: 'workflow_name',
				type: 'string',
				default: '',
				placeholder: 'e.g. collection_0501',
				description:
					'Sent as workflow_name. AIRudder lists it next to Name without saying how the two differ.',
			},
			{
				displayName: 'Workflow Template Name',
				name: 'workflow_template_name',
				type: 'string',
				default: '',
				description: 'Name of the workflow template (workflow_template_name)',
			},
		],
	},
	additionalBodyFieldsProperty,
];

export const description = forOperation('workflow', 'create', properties);

/**
 * @returns one summary item `{ workflow_id, name, contactsSent, contactsRejected, requests }`
 *   paired to every input item, then one `{ workflow_id, rejected: true, rejection }` item per empty
 *   contact (not sent). With "Continue On Fail" a failure becomes `{ error }` on every item.
 * @throws NodeOperationError (before any request) on a missing template/name/end time;
 *   NodeApiError when AIRudder refuses a request; a NodeOperationError naming the workflow task
 *   when a later batch fails after it was created.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	try {
		return rejectionsAsErrors.call(this, await createWorkflow.call(this, items));
	} catch (error) {
		return failEveryItem.call(this, items, error);
	}
}

async function createWorkflow(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const templateId = Number(this.getNodeParameter('workflowTemplateId', 0));
	const name = String(this.getNodeParameter('name', 0)).trim();
	const endRaw = String(this.getNodeParameter('endTime', 0) ?? '');
	const zone = accountTimeZone.call(this);
	const end = endRaw ? parseDateTime(endRaw, this.getTimezone()) : undefined;
	const fail = (field: string, message: string) =>
		new NodeOperationError(this.getNode(), `Item 0: ${message}`, {
			itemIndex: 0,
			description: `AIRudder field: ${field}`,
		});
	if (!Number.isInteger(templateId) || templateId <= 0)
		throw fail('workflow_template_id', 'Workflow Template ID must be a positive whole number');
	if (!name) throw fail('name', 'Name is required');
	if (!end)
		throw fail(
			'end_time',
			endRaw ? `End Time "${endRaw}" is not a date and time` : 'End Time is required',
		);

	const contacts = readWorkflowContacts.call(this, items);
	const [first = [], ...rest] = chunk(
		contacts.filter((c) => !c.rejection).map((c) => c.contact),
		TASK_RULES.maxContactsPerTask,
	);
	const body: IDataObject = {
		workflow_template_id: templateId,
		name,
		end_time: formatWithOffset(end, zone),
		...(this.getNodeParameter('additionalFields', 0, {}) as IDataObject),
		...(first.length ? { details: first } : {}),
		...jsonObjectParameter.call(this, 'additionalBodyFields', 'Additional Body Fields', 0),
	};
	const response = await airudderApiRequest.call(this, ENDPOINTS.createWorkflow, {
		body,
		itemIndex: 0,
	});
	const workflowId = (response.data as IDataObject | undefined)?.workflow_id;
	await uploadContactBatches.call(this, workflowId, rest, first.length);
	return workflowContactResults(
		items,
		contacts,
		{ workflow_id: workflowId, name },
		1 + rest.length,
	);
}
