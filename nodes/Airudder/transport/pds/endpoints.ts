import type { AirudderEndpoint } from '../endpoint';

/** Credential type of the Predictive Dialer (PDS) API. */
export const PDS_CREDENTIAL_TYPE = 'airudderPdsApi';

/** Path prefix of every PDS endpoint (the sign-in included). */
export const PDS_PATH_PREFIX = '/service/callcenter/call/predict';

/**
 * No AIRudder doc page describes the PDS: its contract comes from a third-party production client,
 * which errors name instead of a doc URL.
 */
export const PDS_SOURCE = 'no AIRudder doc page (contract from a production client of the PDS)';

/** Page size of Get Call Records: the production client's own (`limit = 200`). */
export const PDS_RECORDS_PAGE_SIZE = 200;

function pds(operationId: string, path: string, idempotent: boolean): AirudderEndpoint {
	return {
		operationId,
		method: 'POST',
		path: `${PDS_PATH_PREFIX}/${path}`,
		docUrl: PDS_SOURCE,
		successCode: 0,
		partial: true,
		idempotent,
	};
}

/**
 * Every PDS endpoint the AIRudder Predictive Dialer node calls (all POST, JSON body, success
 * `code` 0 with the payload under `body`). The token exchange (`auth`, form-encoded) lives in the
 * credential. Reads (task list, call records, recording link) are retried; writes never are.
 */
export const PDS_ENDPOINTS = {
	/** Body: the task settings + `customizeContacts`; answer `body.taskId`, `body.errorContactList`. */
	createTask: pds('pdsCreateTask', 'createtask', false),
	/** Body: a new `taskName` + `fromTask` (a task NAME) + settings; answer `body.taskId`. */
	copyTask: pds('pdsCopyTask', 'copytask', false),
	/** Body `{TaskID, contactList}` (capital `TaskID`); answer `body` = the numbers cancelled. */
	cancelTaskContacts: pds('pdsCancelTaskContacts', 'canceltaskcontacts', false),
	/** Body `{minstarttime, maxstarttime, limit, taskName?, state?, filterTime?, orderBy?}`; answer `body.list`. */
	queryTaskList: pds('pdsQueryTaskList', 'querytasklist', true),
	/** Body `{taskId, limit, offset, orderBy, needCustomerInfo, like?, minstarttime?, maxstarttime?}`; answer `body.list`, `body.total`. */
	queryTaskDetail: pds('pdsQueryTaskDetail', 'querytaskdetail', true),
	/** Body `{callid}`; answer `body.link` (the recording). */
	getRecording: pds('pdsGetRecordingByCallId', 'case/recording', true),
} satisfies Record<string, AirudderEndpoint>;
