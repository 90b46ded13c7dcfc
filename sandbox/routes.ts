import { obtainToken } from './auth';
import { invalid, isObject, type JsonReply } from './envelope';
import { sendSms } from './sms';
import type { SandboxState } from './state';
import {
	cancelPhoneCall,
	createTask,
	getCallRecording,
	getTaskRecordings,
	listRobots,
	listTasks,
	operateTask,
	taskDetail,
} from './tasks';
import {
	addWorkflowDetails,
	createWorkflow,
	findWorkflowsByContact,
	verifyCustomApiPush,
	workflowTaskDetail,
} from './workflow';

/** What a handler gets: the (decrypted) query and parsed JSON body. */
export interface RouteInput {
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** One AIRudder endpoint of the sandbox: the single place where its path, rules and handler meet. */
export interface Route {
	method: 'GET' | 'POST';
	path: string;
	/** operationId in the reference (`-` when it has none). */
	operationId: string;
	docUrl: string;
	/** Needs `Authorization: Token <token>`. */
	auth: boolean;
	/**
	 * AES mode policy: `required` — must be encrypted when the sandbox has an AES key; `optional` —
	 * decrypted when marked `Is-Encrypted: 1`, else read plain; `none` — always plain JSON.
	 */
	aes: 'required' | 'optional' | 'none';
	handler: (state: SandboxState, input: RouteInput) => JsonReply;
}

const TASKS = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773';
const LINES = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-130920469';
const APIFOX = 'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64';

const cloud = (
	method: Route['method'],
	path: string,
	operationId: string,
	docUrl: string,
	handler: Route['handler'],
): Route => ({ method, path, operationId, docUrl, auth: true, aes: 'required', handler });

/** Every AIRudder route the sandbox answers. */
export const ROUTES: Route[] = [
	{
		method: 'POST',
		path: '/service/cloud/auth',
		operationId: 'coreObtainToken',
		docUrl: `${APIFOX}/api-44712004`,
		auth: false,
		// The token exchange stays plain JSON in AES mode.
		aes: 'none',
		handler: (state, { body }) => obtainToken(state, body),
	},
	cloud('POST', '/service/cloud/v2/task', 'collectionCreateTask', TASKS, (state, { path, body }) =>
		createTask(state, path, body),
	),
	cloud('POST', '/service/cloud/task', 'telemarketingCreateTask', LINES, (state, { path, body }) =>
		createTask(state, path, body),
	),
	cloud('GET', '/service/cloud/list', 'collectionListTasks', TASKS, (state, { query }) =>
		listTasks(state, query),
	),
	cloud('GET', '/service/cloud/detail', 'collectionGetTaskDetail', TASKS, (state, { query }) =>
		taskDetail(state, query),
	),
	cloud('POST', '/service/cloud/operation', 'collectionCancelTask', TASKS, (state, { body }) =>
		operateTask(state, body),
	),
	cloud(
		'POST',
		'/service/cloud/cancelphonecall',
		'collectionCancelCallInTask',
		TASKS,
		(state, { body }) => cancelPhoneCall(state, body),
	),
	cloud('GET', '/service/cloud/robot', 'collectionListRobots', TASKS, (state) => listRobots(state)),
	cloud('GET', '/service/cloud/case', 'collectionGetCallRecording', TASKS, (state, { query }) =>
		getCallRecording(state, query),
	),
	cloud(
		'GET',
		'/service/cloud/recording',
		'collectionGetTaskRecordings',
		TASKS,
		(state, { query }) => getTaskRecordings(state, query),
	),
	cloud(
		'POST',
		'/service/cloud/workflow/createinstance',
		'workflowCreateInstance',
		`${APIFOX}/api-45238811`,
		(state, { body }) => createWorkflow(state, body),
	),
	cloud(
		'POST',
		'/service/cloud/workflow/uploaddetails',
		'workflowAddList',
		`${APIFOX}/api-45238811`,
		(state, { body }) => addWorkflowDetails(state, body),
	),
	cloud(
		'POST',
		'/service/cloud/workflow/apinoticeinfo',
		'workflowVerifyCustomApiNodePush',
		`${APIFOX}/api-58679239`,
		(state, { body }) => verifyCustomApiPush(state, body),
	),
	cloud(
		'POST',
		'/service/cloud/workflow/taskdetail',
		'workflowGetOutboundTaskDetails',
		`${APIFOX}/api-154573225`,
		(state, { body }) => workflowTaskDetail(state, body),
	),
	cloud(
		'POST',
		'/service/cloud/workflow/detailinstances',
		'workflowQueryWorkflowIdByCaseOrCallee',
		`${APIFOX}/api-154088166`,
		(state, { body }) => findWorkflowsByContact(state, body),
	),
	{
		method: 'POST',
		path: '/service/sms/message/v2/send',
		operationId: '-',
		docUrl: 'shared/airudder-api/README.md (path and success code 0 from a public client)',
		// Neither its authentication nor whether AES applies to it is documented: both accepted.
		auth: false,
		aes: 'optional',
		handler: (_state, { body }) => sendSms(body),
	},
	{
		method: 'POST',
		path: '/api/v1/process/queryTaskQian',
		operationId: 'processQueryTaskQian',
		docUrl: 'seed 003 (a docs-site 1780479 page outside the navigation)',
		// Its own headers tenantId and token (both optional on the page), not the cloud token; whether
		// AES applies is not documented. The documented answer is the page's example: empty lists.
		auth: false,
		aes: 'none',
		handler: (_state, { body }) => queryTaskQian(body),
	},
];

/**
 * `POST /api/v1/process/queryTaskQian` (seed 003): all body fields are optional on the page; the
 * answer is its example `{data: {read: [], unRead: []}, msg: '', retcode: 0, traceId}`, with the
 * request's traceId echoed (ILLUSTRATIVE: the page's example traceId is empty).
 */
function queryTaskQian(body: unknown): JsonReply {
	if (body !== undefined && !isObject(body)) return invalid('body', 'must be a JSON object');
	const header = isObject(body) && isObject(body.header) ? body.header : {};
	const traceId = typeof header.traceId === 'string' ? header.traceId : '';
	return { status: 200, body: { data: { read: [], unRead: [] }, msg: '', retcode: 0, traceId } };
}
