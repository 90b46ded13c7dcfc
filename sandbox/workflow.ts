import { checkFields, fail, invalid, isObject, ok, type JsonReply } from './envelope';
import { hexId, type SandboxState } from './state';
import type { SandboxWorkflow } from './types';

/**
 * Workflow (工作流) endpoints (workflow.openapi.yaml). Only the fields the reference lists as
 * required are enforced (plus the JSON type it gives each known field); everything else is accepted
 * as sent. Except `createinstance`'s `{workflow_id}`, every `data` answered here is ILLUSTRATIVE.
 */

const NOT_AN_OBJECT = (): JsonReply => invalid('body', 'must be a JSON object');

/**
 * `POST /service/cloud/workflow/createinstance` — operationId workflowCreateInstance,
 * x-doc-url https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-45238811.
 * Required: workflow_template_id (integer), name, end_time (strings). end_time's format is not
 * readable in the docs, so any non-empty string is accepted. `details` (seen in a third-party
 * client) must be an array when sent; its item fields are unknown and not checked.
 * Answer `{code:200, data:{workflow_id}}` (third-party evidence) with the usual `status: 'OK'`.
 */
export function createWorkflow(state: SandboxState, raw: unknown): JsonReply {
	if (!isObject(raw)) return NOT_AN_OBJECT();
	const body = raw;
	const problem = checkFields(body, [
		['workflow_template_id', 'integer', true],
		['workflow_template_name', 'string', false],
		['name', 'string', true],
		['workflow_name', 'string', false],
		['auto_finish', 'integer', false], // default 2; allowed values not readable
		['end_time', 'string', true],
		['details', 'array', false],
	]);
	if (problem) return problem;
	const { details, ...settings } = body;
	const workflow: SandboxWorkflow = {
		workflow_id: hexId(),
		name: body.name as string,
		workflow_template_id: body.workflow_template_id as number,
		end_time: body.end_time as string,
		settings,
		details: Array.isArray(details) ? [...details] : [],
		createdAt: Date.now(),
	};
	state.workflows.set(workflow.workflow_id, workflow);
	return ok({ workflow_id: workflow.workflow_id });
}

/**
 * `POST /service/cloud/workflow/uploaddetails` `{workflow_id, details}` — operationId workflowAddList,
 * x-doc-url https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-45238811
 * (fields from a third-party client). Appends `details` as sent. ILLUSTRATIVE `data` `{workflow_id, total}`.
 */
export function addWorkflowDetails(state: SandboxState, raw: unknown): JsonReply {
	if (!isObject(raw)) return NOT_AN_OBJECT();
	const body = raw;
	const problem = checkFields(body, [
		['workflow_id', 'string', false],
		['details', 'array', false],
	]);
	if (problem) return problem;
	// workflow_id is not marked required (no field table was readable), but an unknown or missing
	// id names no instance: ILLUSTRATIVE code 404.
	const workflow = state.workflows.get(String(body.workflow_id));
	if (!workflow) return fail(404, `workflow_id ${String(body.workflow_id ?? '')} not found`);
	workflow.details.push(...((body.details as unknown[] | undefined) ?? []));
	return ok({ workflow_id: workflow.workflow_id, total: workflow.details.length });
}

/**
 * `POST /service/cloud/workflow/apinoticeinfo` — operationId workflowVerifyCustomApiNodePush,
 * x-doc-url https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-58679239.
 * Required: workflow_id, node_id, callee (strings); case_id optional. (The reference also says
 * additionalProperties: false; extra fields are nevertheless accepted — only required fields are
 * enforced.) The answer is not readable: ILLUSTRATIVE `data` echoes the query.
 */
export function verifyCustomApiPush(_state: SandboxState, raw: unknown): JsonReply {
	if (!isObject(raw)) return NOT_AN_OBJECT();
	const body = raw;
	const problem = checkFields(body, [
		['workflow_id', 'string', true],
		['node_id', 'string', true],
		['callee', 'string', true],
		['case_id', 'string', false],
	]);
	if (problem) return problem;
	const { workflow_id, node_id, callee, case_id } = body;
	return ok({ workflow_id, node_id, callee, ...(case_id === undefined ? {} : { case_id }) });
}

/**
 * `POST /service/cloud/workflow/taskdetail` — operationId workflowGetOutboundTaskDetails,
 * x-doc-url https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-154573225.
 * Request fields were not readable: any JSON object is accepted. ILLUSTRATIVE `data` `{list, total}`:
 * for a known `workflow_id`, one record per contact = the contact as sent + the five documented
 * workflow fields (workflow_id, workflow_name, nodetask_id, nodetask_name, case_id).
 */
export function workflowTaskDetail(state: SandboxState, raw: unknown): JsonReply {
	if (!isObject(raw)) return NOT_AN_OBJECT();
	const body = raw;
	const workflow = state.workflows.get(String(body.workflow_id));
	const list = (workflow?.details ?? []).map((detail) => {
		const contact = isObject(detail) ? detail : {};
		return {
			...contact,
			workflow_id: workflow?.workflow_id,
			workflow_name: workflow?.name,
			nodetask_id: '',
			nodetask_name: '',
			case_id: typeof contact.case_id === 'string' ? contact.case_id : '',
		};
	});
	return ok({ list, total: list.length });
}

/**
 * `POST /service/cloud/workflow/detailinstances` — operationId workflowQueryWorkflowIdByCaseOrCallee,
 * x-doc-url https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64/api-154088166.
 * Required: start_time, end_time (strings; format unknown, so not parsed and the window is not
 * applied); case_id, callee optional. ILLUSTRATIVE `data` `{list: [{workflow_id, name}]}`: the
 * workflows with a contact whose `case_id` / `callee` key equals the filter (contact keys are undocumented).
 */
export function findWorkflowsByContact(state: SandboxState, raw: unknown): JsonReply {
	if (!isObject(raw)) return NOT_AN_OBJECT();
	const body = raw;
	const problem = checkFields(body, [
		['case_id', 'string', false],
		['callee', 'string', false],
		['start_time', 'string', true],
		['end_time', 'string', true],
	]);
	if (problem) return problem;
	const matches = (detail: unknown) =>
		isObject(detail) &&
		(body.case_id === undefined || detail.case_id === body.case_id) &&
		(body.callee === undefined || detail.callee === body.callee);
	const list = [...state.workflows.values()]
		.filter(
			(workflow) =>
				(body.case_id !== undefined || body.callee !== undefined) && workflow.details.some(matches),
		)
		.map((workflow) => ({ workflow_id: workflow.workflow_id, name: workflow.name }));
	return ok({ list, total: list.length });
}
