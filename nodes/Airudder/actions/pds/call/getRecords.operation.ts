import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { PDS_CREDENTIAL_TYPE } from '../../../transport/pds/endpoints';
import {
	forOperation,
	perItemConcurrent,
	readConcurrency,
	requiredString,
	returnAllOrLimit,
} from '../../shared/operations';
import {
	pdsAccountTimeZone,
	pdsAccountTimeZoneProperty,
	pdsTaskIdProperty,
	pdsTimeParameter,
} from '../common';
import { readCallRecords } from './records';

/**
 * Call → Get Records (Predictive Dialer): `POST /service/callcenter/call/predict/querytaskdetail`,
 * a task's call records paged by `offset` with 200 records a page (the reference client's page
 * size), until `body.total` records or a short page. Times stay as AIRudder sends them (ISO 8601
 * with offset) and get a UTC copy `<field>Iso`.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsQueryTaskDetail`).
 */
export const description = forOperation('call', 'getRecords', [
	pdsTaskIdProperty,
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Call ID',
				name: 'callId',
				type: 'string',
				default: '',
				description:
					'Only the call with this callid (sent as like [{field: callid, pattern}]; exact or substring match is unknown)',
			},
			{
				displayName: 'Call Start From',
				name: 'minStartTime',
				type: 'dateTime',
				default: '',
				description:
					'Only calls starting at or after this time (minstarttime, in the account time zone)',
			},
			{
				displayName: 'Call Start To',
				name: 'maxStartTime',
				type: 'dateTime',
				default: '',
				description: 'Only calls starting at or before this time (maxstarttime)',
			},
			{
				displayName: 'Include Customer Info',
				name: 'needCustomerInfo',
				type: 'boolean',
				default: false,
				description:
					"Whether each record carries the contact's fields as customerInfo (needCustomerInfo)",
			},
		],
	},
	pdsAccountTimeZoneProperty(
		"Your AIRudder account's time zone: Call Start From / To are sent as wall time in it (needed only with them)",
		false,
	),
]);

/** @returns one item per call record, paired to the item that asked for it. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, PDS_CREDENTIAL_TYPE);
	return await perItemConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const taskId = requiredString.call(this, 'taskId', 'Task ID', itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const wanted = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const timeZone =
			options.minStartTime || options.maxStartTime ? pdsAccountTimeZone.call(this, itemIndex) : '';
		const window: IDataObject = {};
		for (const [name, field, label] of [
			['options.minStartTime', 'minstarttime', 'Call Start From'],
			['options.maxStartTime', 'maxstarttime', 'Call Start To'],
		] as const) {
			const value = pdsTimeParameter.call(this, name, label, itemIndex, timeZone, false);
			if (value) window[field] = value;
		}
		return await readCallRecords.call(
			this,
			{
				taskId,
				needCustomerInfo: options.needCustomerInfo === true,
				callId: String(options.callId ?? '').trim(),
				window,
			},
			wanted,
			itemIndex,
		);
	});
}
