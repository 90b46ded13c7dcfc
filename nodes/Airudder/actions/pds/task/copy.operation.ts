import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { pdsTaskNameProblem } from '../rules';
import { PDS_ENDPOINTS } from '../../../transport/pds/endpoints';
import { pdsRequest } from '../../../transport/pds/request';
import {
	additionalBodyFieldsProperty,
	forOperation,
	jsonObjectParameter,
	perItem,
	requiredString,
} from '../../shared/operations';
import {
	pdsAccountTimeZone,
	pdsAccountTimeZoneProperty,
	pdsInputError,
	pdsTimeParameter,
} from '../common';
import { diallingSettingsProperty, readDiallingSettings } from './settings.properties';

/**
 * Task → Copy (Predictive Dialer): `POST /service/callcenter/call/predict/copytask`: a new task
 * from an existing one, e.g. to re-dial the contacts that did not answer. One request per item.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsCopyTask`).
 */
export const description = forOperation('task', 'copy', [
	{
		displayName: 'From Task Name',
		name: 'fromTask',
		type: 'string',
		required: true,
		default: '',
		description:
			'The NAME (not the ID) of the task to copy (fromTask). PDS error 10704: workflow tasks cannot be copied.',
	},
	{
		displayName: 'New Task Name',
		name: 'taskName',
		type: 'string',
		required: true,
		default: '',
		description:
			'Name of the new task: letters, digits, underscores and hyphens (PDS errors 10508, 10518, 10519)',
	},
	{
		displayName: 'Skill Group',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		description: 'The skill (agent) group whose agents take the answered calls',
	},
	{
		displayName: 'Auto End Time',
		name: 'autoEndTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When the new task ends by itself; sent as YYYY-MM-DD HH:MM:SS in the account time zone. The node sends an empty Start Time, as the reference client does (meaning "start now", inferred).',
	},
	pdsAccountTimeZoneProperty(
		"Your AIRudder account's time zone: Auto End Time is sent as wall time in it",
	),
	{
		displayName: 'Unanswered Contacts Only',
		name: 'noanswerOnly',
		type: 'boolean',
		default: true,
		description:
			'Whether to copy only the contacts that did not answer (noanswerOnly Y; N is inferred)',
	},
	{
		displayName: 'Ignore Cancelled Contacts',
		name: 'ignoreCancelled',
		type: 'boolean',
		default: true,
		description:
			'Whether to skip the contacts cancelled in the source task (ignoreCancelled Y; N is inferred)',
	},
	diallingSettingsProperty(false),
	{
		...additionalBodyFieldsProperty,
		description: 'More copytask fields, as a JSON object (e.g. resultStrategies, shape unknown)',
	},
]);

/** @returns per item `{taskId, taskName, fromTask}` (plus any other `body` field AIRudder answers). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const taskName = requiredString.call(this, 'taskName', 'New Task Name', itemIndex);
		const problem = pdsTaskNameProblem('taskName', taskName);
		if (problem) throw pdsInputError.call(this, problem, itemIndex);
		const fromTask = requiredString.call(this, 'fromTask', 'From Task Name', itemIndex);
		const timeZone = pdsAccountTimeZone.call(this, itemIndex);
		const yes = (name: string) =>
			(this.getNodeParameter(name, itemIndex, true) as boolean) ? 'Y' : 'N';
		const request: IDataObject = {
			taskName,
			fromTask,
			startTime: '',
			autoEndTime: pdsTimeParameter.call(
				this,
				'autoEndTime',
				'Auto End Time',
				itemIndex,
				timeZone,
				true,
			),
			groupName: requiredString.call(this, 'groupName', 'Skill Group', itemIndex),
			remark: taskName,
			noanswerOnly: yes('noanswerOnly'),
			ignoreCancelled: yes('ignoreCancelled'),
			...readDiallingSettings.call(this, itemIndex, false),
			...jsonObjectParameter.call(
				this,
				'additionalBodyFields',
				'Additional Body Fields',
				itemIndex,
			),
		};
		const body = (await pdsRequest.call(
			this,
			PDS_ENDPOINTS.copyTask,
			request,
			itemIndex,
		)) as IDataObject;
		return { ...body, taskId: body.taskId, taskName, fromTask };
	});
}
