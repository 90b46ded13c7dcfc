import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact } from '../../../helpers/contacts';
import { formatWithOffset, parseDateTime } from '../../../helpers/time';
import { airudderApiRequest, CREDENTIAL_TYPE } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { forOperation, perItemConcurrent, readConcurrency } from '../../shared/operations';
import { accountTimeZone, accountTimeZoneProperty, TIME_FIELD_HINT } from '../../shared/timeZone';

/**
 * Workflow → Find by Contact: "Query workflow_id using case_id/callee",
 * `POST /service/cloud/workflow/detailinstances` with case_id and/or callee and start_time, end_time
 * (required). The times' format was not readable; they are sent like workflow end_time
 * (`YYYY-MM-DD hh:mm:ss+hh:mm` in the account zone).
 * Doc: https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-154088166
 */
export const description = forOperation('workflow', 'findByContact', [
	{
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '',
		placeholder: 'e.g. C20250501001',
		description: "The contact's case_id (give it or the callee)",
	},
	{
		displayName: 'Callee',
		name: 'callee',
		type: 'string',
		default: '',
		placeholder: 'e.g. +6212341234',
		description: 'Number of the contact (give it or the case ID)',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Start of the search window',
		hint: TIME_FIELD_HINT,
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'End of the search window',
		hint: TIME_FIELD_HINT,
	},
	accountTimeZoneProperty,
]);

/** @returns one item per input item: the answer envelope (its `data` fields are not documented). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, CREDENTIAL_TYPE);
	return await perItemConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const zone = accountTimeZone.call(this, itemIndex);
		const time = (name: string, field: string) => {
			const raw = String(this.getNodeParameter(name, itemIndex, '') ?? '');
			const instant = raw ? parseDateTime(raw, this.getTimezone()) : undefined;
			if (!instant) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${itemIndex}: ${field} is required and must be a date and time`,
					{ itemIndex },
				);
			}
			return formatWithOffset(instant, zone);
		};
		const body = compact({
			case_id: this.getNodeParameter('caseId', itemIndex, '') as string,
			callee: this.getNodeParameter('callee', itemIndex, '') as string,
			start_time: time('startTime', 'Start Time'),
			end_time: time('endTime', 'End Time'),
		});
		if (!body.case_id && !body.callee) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: give a Case ID or a Callee`,
				{ itemIndex },
			);
		}
		return (await airudderApiRequest.call(this, ENDPOINTS.findWorkflowByContact, {
			body,
			itemIndex,
		})) as IDataObject;
	});
}
