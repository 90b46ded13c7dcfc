import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { PDS_ENDPOINTS, PDS_CREDENTIAL_TYPE } from '../../../transport/pds/endpoints';
import { pdsRequest } from '../../../transport/pds/request';
import { compact } from '../../../helpers/contacts';
import {
	forOperation,
	perItemConcurrent,
	readConcurrency,
	returnAllOrLimit,
} from '../../shared/operations';
import { pdsAccountTimeZone, pdsAccountTimeZoneProperty, pdsTimeParameter } from '../common';

/** The most tasks one querytasklist asks for: the reference client's default `limit` (500). */
export const PDS_TASK_LIST_MAX = 500;

const STATES = ['Creating', 'Not Started', 'Running', 'Paused', 'Cancelled', 'Finished'];
/** The querytasklist `orderBy` values, with plain-language labels. */
const ORDERS = [
	{ name: 'Creation Time', value: 'CreatedAt' },
	{ name: 'Actual Start Time', value: 'actualStartTime' },
	{ name: 'Scheduled Start Time', value: 'startTime' },
	{ name: 'End Time', value: 'endTime' },
];

/**
 * Task → Get Many (Predictive Dialer): `POST /service/callcenter/call/predict/querytasklist`, the
 * tasks whose start time lies in a window. The API has a `limit` but no offset (paging unknown):
 * Return All asks for 500, the reference client's default.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsQueryTaskList`).
 */
export const description = forOperation('task', 'getAll', [
	{
		displayName: 'Start Time From',
		name: 'minStartTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Tasks starting at or after this time (minstarttime, sent in the account time zone)',
	},
	{
		displayName: 'Start Time To',
		name: 'maxStartTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Tasks starting at or before this time (maxstarttime)',
	},
	pdsAccountTimeZoneProperty(
		"Your AIRudder account's time zone: Start Time From / To are sent as wall time in it",
	),
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Task Name',
				name: 'taskName',
				type: 'string',
				default: '',
				description: 'Only tasks of this name (how it matches is unknown)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'Running',
				options: STATES.map((state) => ({ name: state, value: state })),
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				default: 'CreatedAt',
				options: ORDERS.map(({ name, value }) => ({
					name,
					value,
					description: `Sends orderBy ${value}`,
				})),
				description: 'Sort field (orderBy; AIRudder uses CreatedAt when none is sent)',
			},
			{
				displayName: 'Filter Time',
				name: 'filterTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. cdate',
				description:
					'Which time field the window applies to (the reference client names only its default, cdate)',
			},
		],
	},
]);

/** @returns one item per task of `body.list` (taskId, name and whatever else AIRudder answers). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, PDS_CREDENTIAL_TYPE);
	return await perItemConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const timeZone = pdsAccountTimeZone.call(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? PDS_TASK_LIST_MAX
			: Math.min(this.getNodeParameter('limit', itemIndex, 50) as number, PDS_TASK_LIST_MAX);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const request: IDataObject = {
			minstarttime: pdsTimeParameter.call(
				this,
				'minStartTime',
				'Start Time From',
				itemIndex,
				timeZone,
				true,
			),
			maxstarttime: pdsTimeParameter.call(
				this,
				'maxStartTime',
				'Start Time To',
				itemIndex,
				timeZone,
				true,
			),
			limit,
			...compact(filters),
		};
		const body = (await pdsRequest.call(
			this,
			PDS_ENDPOINTS.queryTaskList,
			request,
			itemIndex,
		)) as IDataObject;
		const list = Array.isArray(body.list) ? (body.list as IDataObject[]) : [];
		return list.slice(0, limit);
	});
}
