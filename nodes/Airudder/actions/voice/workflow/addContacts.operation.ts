import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../helpers/contacts';
import { TASK_RULES } from '../task/validation';
import { forOperation } from '../../shared/operations';
import { failEveryItem, rejectionsAsErrors } from '../../shared/outcomes';
import {
	readWorkflowContacts,
	workflowContactProperties,
	uploadContactBatches,
	workflowContactResults,
} from './contacts';
import { workflowIdProperty } from './workflowId';

/**
 * Workflow → Add Contacts: "Add lists to an workflow task", `POST /service/cloud/workflow/uploaddetails`
 * with `{workflow_id, details}`; all input items go in batches of at most 10,000 contacts.
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-45238811 (path from a public client)
 */
const properties: INodeProperties[] = [
	workflowIdProperty,
	...workflowContactProperties.map((p) =>
		p.name === 'contactSource'
			? { ...p, options: p.options?.filter((o) => 'value' in o && o.value !== 'none') }
			: p,
	),
];

export const description = forOperation('workflow', 'addContacts', properties);

/**
 * @returns one summary item `{ workflow_id, contactsSent, contactsRejected, requests }` paired to
 *   every input item, then one `{ workflow_id, rejected: true, rejection }` item per empty contact
 *   (not sent). With "Continue On Fail" a failure becomes `{ error }` on every item.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	try {
		const workflowId = String(this.getNodeParameter('workflowId', 0)).trim();
		if (!workflowId) {
			throw new NodeOperationError(this.getNode(), 'Item 0: Workflow ID is required', {
				itemIndex: 0,
				description: 'AIRudder field: workflow_id',
			});
		}
		const contacts = readWorkflowContacts.call(this, items);
		const batches = chunk(
			contacts.filter((c) => !c.rejection).map((c) => c.contact),
			TASK_RULES.maxContactsPerTask,
		);
		await uploadContactBatches.call(this, workflowId, batches, 0);
		return rejectionsAsErrors.call(
			this,
			workflowContactResults(items, contacts, { workflow_id: workflowId }, batches.length),
		);
	} catch (error) {
		return failEveryItem.call(this, items, error);
	}
}
