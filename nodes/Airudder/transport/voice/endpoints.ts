import type { AirudderEndpoint } from '../endpoint';

/**
 * Every voice/workflow AIRudder endpoint the AIRudder node calls. Each entry says whether it is a
 * read (`idempotent`: retried on a time-out, 429 or 5xx, whatever its method) or a write (never
 * retried).
 */
const COLLECTION_TASKS = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773';
const WORKFLOW =
	'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-45238811';

function endpoint(
	operationId: string,
	method: 'GET' | 'POST',
	path: string,
	docUrl: string,
	idempotent: boolean,
	extra: Partial<Pick<AirudderEndpoint, 'successCode' | 'partial' | 'codeField'>> = {},
): AirudderEndpoint {
	return {
		operationId,
		method,
		path,
		docUrl,
		successCode: 200,
		partial: true,
		idempotent,
		...extra,
	};
}

const READ = true;
const WRITE = false;

export const ENDPOINTS = {
	/** Create a calling task (documented in full on the DIDI page). */
	createTask: endpoint(
		'collectionCreateTask',
		'POST',
		'/service/cloud/v2/task',
		COLLECTION_TASKS,
		WRITE,
	),
	/** Older create path, seen only in a third-party client. */
	createTaskV1: endpoint(
		'telemarketingCreateTask',
		'POST',
		'/service/cloud/task',
		COLLECTION_TASKS,
		WRITE,
	),
	/** Query Number/Page/Type (third-party client); response fields unknown. */
	listTasks: endpoint('collectionListTasks', 'GET', '/service/cloud/list', COLLECTION_TASKS, READ),
	/** Query TaskID. */
	getTaskDetail: endpoint(
		'collectionGetTaskDetail',
		'GET',
		'/service/cloud/detail',
		COLLECTION_TASKS,
		READ,
	),
	/** Body {Action: 'Stop', TaskID} (third-party client). */
	stopTask: endpoint(
		'collectionCancelTask',
		'POST',
		'/service/cloud/operation',
		COLLECTION_TASKS,
		WRITE,
	),
	/** Body {TaskID, CalleeNumber} (third-party client). */
	cancelCall: endpoint(
		'collectionCancelCallInTask',
		'POST',
		'/service/cloud/cancelphonecall',
		COLLECTION_TASKS,
		WRITE,
	),
	/** Robots of the account; response fields unknown. */
	listRobots: endpoint(
		'collectionListRobots',
		'GET',
		'/service/cloud/robot',
		COLLECTION_TASKS,
		READ,
	),
	/** Query TaskID, Callee: one call's recording. */
	getCallRecording: endpoint(
		'collectionGetCallRecording',
		'GET',
		'/service/cloud/case',
		COLLECTION_TASKS,
		READ,
	),
	/** Query TaskID: the recordings of a whole task. */
	getTaskRecordings: endpoint(
		'collectionGetTaskRecordings',
		'GET',
		'/service/cloud/recording',
		COLLECTION_TASKS,
		READ,
	),
	/** Body workflow_template_id, name, end_time (+ fields cut from the page). */
	createWorkflow: endpoint(
		'workflowCreateInstance',
		'POST',
		'/service/cloud/workflow/createinstance',
		WORKFLOW,
		WRITE,
	),
	/** Body {workflow_id, details}. */
	addWorkflowContacts: endpoint(
		'workflowAddList',
		'POST',
		'/service/cloud/workflow/uploaddetails',
		WORKFLOW,
		WRITE,
	),
	/**
	 * Body {workflow_id, node_id, callee, case_id?}. A write: whether it only checks the push or
	 * sends it again is not documented, so it is never sent twice.
	 */
	verifyCustomApiPush: endpoint(
		'workflowVerifyCustomApiNodePush',
		'POST',
		'/service/cloud/workflow/apinoticeinfo',
		'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-58679239',
		WRITE,
	),
	/** Request fields unknown. */
	getWorkflowTaskDetail: endpoint(
		'workflowGetOutboundTaskDetails',
		'POST',
		'/service/cloud/workflow/taskdetail',
		'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-154573225',
		READ,
	),
	/** Body {case_id?, callee?, start_time, end_time}. */
	findWorkflowByContact: endpoint(
		'workflowQueryWorkflowIdByCaseOrCallee',
		'POST',
		'/service/cloud/workflow/detailinstances',
		'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-154088166',
		READ,
	),
	/** From a public client, not the docs; success code 0. */
	sendSms: endpoint(
		'smsSend',
		'POST',
		'/service/sms/message/v2/send',
		'no AIRudder doc page (path and success code 0 from a public client)',
		WRITE,
		{
			successCode: 0,
		},
	),
	/**
	 * Body {header: {payloadVersion, traceId}, payload: {procInstId, taskKey}}; headers tenantId and
	 * token instead of the cloud token; success `retcode` 0. The page gives no base URL.
	 */
	queryNodeReadStatus: endpoint(
		'processQueryTaskQian',
		'POST',
		'/api/v1/process/queryTaskQian',
		'https://apifox.com/apidoc/docs-site/1780479 (the "查询节点已读未读" page, outside the navigation)',
		READ,
		{ successCode: 0, codeField: 'retcode' },
	),
} satisfies Record<string, AirudderEndpoint>;
