import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoTimes } from '../../../helpers/time';
import { PDS_RECORD_TIME_FIELDS } from '../rules';
import { PDS_ENDPOINTS, PDS_RECORDS_PAGE_SIZE } from '../../../transport/pds/endpoints';
import { pdsRequest } from '../../../transport/pds/request';

/** What one task's call records are read with (querytaskdetail fields besides paging). */
interface CallRecordsQuery {
	taskId: string;
	needCustomerInfo: boolean;
	/** Only the call whose callid matches (sent as `like: [{field: 'callid', pattern}]`). */
	callId?: string;
	/** `minstarttime` / `maxstarttime` (account wall time), when given. */
	window?: IDataObject;
}

/**
 * Reads up to `wanted` call records of a task from `POST /service/callcenter/call/predict/querytaskdetail`,
 * paged by `offset` with 200 records a page (the reference client's page size), ordered by
 * `calltime`, until `body.total` records or a short page. Each record gets a UTC copy
 * `<field>Iso` of its times (AIRudder sends ISO 8601 with an offset).
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsQueryTaskDetail`).
 *
 * @returns the records, at most `wanted` (Infinity = all).
 * @throws NodeApiError when AIRudder refuses a page (e.g. PDS error 10702, unknown task).
 */
export async function readCallRecords(
	this: IExecuteFunctions,
	query: CallRecordsQuery,
	wanted: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let offset = 0; records.length < wanted; ) {
		const limit = Math.min(PDS_RECORDS_PAGE_SIZE, wanted - records.length);
		const body = (await pdsRequest.call(
			this,
			PDS_ENDPOINTS.queryTaskDetail,
			{
				taskId: query.taskId,
				limit,
				offset,
				orderBy: 'calltime',
				needCustomerInfo: query.needCustomerInfo,
				...(query.callId ? { like: [{ field: 'callid', pattern: query.callId }] } : {}),
				...query.window,
			},
			itemIndex,
		)) as IDataObject;
		const page = Array.isArray(body.list) ? (body.list as IDataObject[]) : [];
		for (const record of page) records.push(withIsoTimes(record, PDS_RECORD_TIME_FIELDS));
		offset += page.length;
		const total = Number(body.total);
		if (page.length < limit || (Number.isFinite(total) && offset >= total)) break;
	}
	return records.slice(0, wanted);
}
