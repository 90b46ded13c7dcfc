import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk, compact, normaliseMobile, pairsToObject } from '../../../helpers/contacts';
import { formatAirudderTime, parseDateTime } from '../../../helpers/time';
import { splitTaskNames, splitTaskProblem, TASK_RULES, type TaskSettings } from './validation';
import { airudderApiRequest, isAmbiguousFailure } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { asNodeError, itemParameterReader, perItemParameter } from '../../shared/operations';
import { failEveryItem, rejectionsAsErrors } from '../../shared/outcomes';
import { accountTimeZone } from '../../shared/timeZone';
import { partialCreateError, refusalError } from './create/failures';
import {
	applyDetailErrors,
	checkContacts,
	contactResults,
	rejectedCount,
	sendable,
	type Batch,
	type PreparedContact,
} from './create/outcomes';
import { BUSINESS_LINES } from './create.properties';

/**
 * Task → Create: "Create a Calling Task", `POST /service/cloud/v2/task` (or the older
 * `/service/cloud/task`). Every input item is one contact (callee); all contacts of an execution
 * go into ONE request, split into several tasks only above 10,000 contacts.
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */

export { description } from './create.properties';

/** The per-item parameters mapped to the contact's documented fields. */
const MAPPED_FIELDS = ['customer', 'mobile', 'platform', 'comments', 'gender'] as const;
type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * The reader of one contact (callee) per input item: the mapped fields (Customer, Mobile, Platform,
 * Comments, Gender), Contact Fields and Additional Contact Fields, empty values dropped.
 */
function contactReader(
	this: IExecuteFunctions,
): (item: INodeExecutionData, itemIndex: number) => IDataObject {
	const contactFields = perItemParameter.call(this, 'contactFields', {});
	const additionalFields = perItemParameter.call(this, 'additionalContactFields.field', []);
	const mapped = Object.fromEntries(
		MAPPED_FIELDS.map((name) => [name, itemParameterReader.call(this, name)]),
	);
	return (item, itemIndex) => {
		const text = (name: MappedField) => {
			const value = mapped[name](item, itemIndex);
			return value === undefined || value === null ? undefined : String(value);
		};
		const fields = contactFields(itemIndex) as IDataObject;
		const extra = additionalFields(itemIndex) as Array<{ name?: string; value?: unknown }>;
		return compact({
			Customer: text('customer'),
			Mobile: normaliseMobile(text('mobile')),
			Platform: text('platform'),
			Comments: text('comments'),
			Gender: text('gender')?.toLowerCase(),
			...fields,
			...pairsToObject(extra),
		});
	};
}

function readTaskSettings(this: IExecuteFunctions): { task: TaskSettings; timeZone: string } {
	const businessLine = this.getNodeParameter('businessLine', 0) as string;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const startImmediately = this.getNodeParameter('startImmediately', 0) as boolean;
	const timeZone = startImmediately ? this.getTimezone() : accountTimeZone.call(this);
	const task: TaskSettings = {
		TaskName: String(this.getNodeParameter('taskName', 0)).trim(),
		RobotID: String(this.getNodeParameter('robotId', 0, '', { extractValue: true })).trim(),
		SIPLine: String(this.getNodeParameter('sipLine', 0)).trim(),
		Type: BUSINESS_LINES[businessLine] || String(this.getNodeParameter('taskType', 0, '')).trim(),
		Perform: Number(this.getNodeParameter('perform', 0)),
		RepeatNumber: Number(this.getNodeParameter('repeatNumber', 0)),
		RepeatInterval: Number(this.getNodeParameter('repeatInterval', 0)),
		StartImmediately: startImmediately,
		...compact({
			RobotMethod: options.robotMethod,
			AsyncCreate: options.asyncCreate,
			DncSwitch: options.dncSwitch,
		}),
	};
	if (!startImmediately) {
		for (const [param, field] of [
			['scheduleStartTime', 'ScheduleStartTime'],
			['scheduleEndTime', 'ScheduleEndTime'],
		] as const) {
			const raw = String(this.getNodeParameter(param, 0, '') ?? '');
			const instant = raw ? parseDateTime(raw, this.getTimezone()) : undefined;
			if (raw && !instant) {
				throw new NodeOperationError(
					this.getNode(),
					`Item 0: ${field} "${raw}" is not a date and time`,
					{ itemIndex: 0 },
				);
			}
			if (instant) task[field] = formatAirudderTime(instant, timeZone);
		}
	}
	return { task, timeZone };
}

/**
 * The error for a create request that got no clear answer: the task may exist. The node never
 * retries a create (that could dial the list twice); the user is told what to check instead.
 */
function ambiguousCreateError(
	this: IExecuteFunctions,
	taskName: string,
	cause: Error,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(this.getNode(), { message: cause.message } as JsonObject, {
		message: `Creating task "${taskName}" got no clear answer from AIRudder (${cause.message}); the task may or may not exist`,
		description: `The node does not retry task creation, so it never creates a task twice. Before running again, look for the Task Name "${taskName}" with Task → Get Many.`,
		itemIndex,
	});
}

/** The error payload of a refused request, when AIRudder listed the contacts it refused. */
function refusedDetails(error: unknown): unknown {
	const response = (error as { errorResponse?: IDataObject }).errorResponse;
	return (response?.data as IDataObject | undefined)?.detail_error_list;
}

/**
 * Sends one batch's valid contacts with `perform` (2 = AIRudder's check-only mode) and records the
 * answer on the batch: the TaskID (not for Perform 2) and the `detail_error_list` rejections, also
 * those of a refusal. A batch without valid contacts is not sent.
 * @throws NodeApiError as the request failed; the ambiguous-create error (`uncertain` true) when a
 *   creation got no clear answer.
 */
async function sendBatch(
	this: IExecuteFunctions,
	task: TaskSettings,
	batch: Batch,
	perform: number,
): Promise<void> {
	const sent = sendable(batch);
	if (sent.length === 0) return;
	const apiPath =
		(this.getNodeParameter('options.apiPath', 0, 'v2') as string) === 'v1'
			? ENDPOINTS.createTaskV1
			: ENDPOINTS.createTask;
	try {
		const response = await airudderApiRequest.call(this, apiPath, {
			body: {
				...task,
				Perform: perform,
				TaskName: batch.name,
				Details: sent.map((c) => c.contact),
			},
			itemIndex: sent[0].itemIndex,
		});
		const data = (response.data ?? {}) as IDataObject;
		applyDetailErrors(batch, sent, data.detail_error_list);
		if (perform !== 2 && data.TaskID !== undefined) batch.taskId = String(data.TaskID);
	} catch (caught) {
		applyDetailErrors(batch, sent, refusedDetails(caught));
		if (perform === 2 || !isAmbiguousFailure(caught))
			throw asNodeError.call(this, caught, sent[0].itemIndex);
		throw Object.assign(
			ambiguousCreateError.call(this, batch.name, caught as Error, sent[0].itemIndex),
			{ uncertain: true },
		);
	}
}

/**
 * Creates the batches' tasks one after the other (`perform` 1 or 3). A failure with "Continue On
 * Fail" is kept on its batch (Skip and Report goes on with the next batch; All or Nothing stops
 * and marks the rest not sent); otherwise it is thrown: as it is when no task exists yet (a
 * refusal that names contacts as {@link refusalError}), else as {@link partialCreateError}.
 */
async function createTasks(
	this: IExecuteFunctions,
	task: TaskSettings,
	batches: Batch[],
	perform: number,
): Promise<void> {
	for (const [i, batch] of batches.entries()) {
		try {
			await sendBatch.call(this, task, batch, perform);
		} catch (caught) {
			const error = asNodeError.call(this, caught, batch.contacts[0].itemIndex);
			const uncertain = (caught as { uncertain?: boolean }).uncertain === true;
			if (this.continueOnFail()) {
				batch.error = error.message;
				if (perform === 1) continue;
				for (const later of batches.slice(i + 1))
					later.error = `Not sent: creating task "${batch.name}" failed first`;
				return;
			}
			if (batches.some((b) => b.taskId !== undefined))
				throw partialCreateError(this.getNode(), batches, batch, error, uncertain);
			// Under All or Nothing, contacts are rejected here only by AIRudder's refusal: name them.
			const refused = perform === 3 && !uncertain && rejectedCount([batch]) > 0;
			throw refused ? refusalError(this.getNode(), batches) : error;
		}
	}
}

/**
 * Task → Create. Task-level settings are checked before any request (with "Continue On Fail" a
 * problem becomes `{ error }` on every item). Every contact is checked by the node, then:
 * - Perform 1 (Skip and Report): the valid contacts are sent, one task per 10,000;
 * - Perform 2 (Only Check): the valid contacts are sent with Perform 2; nothing is created;
 * - Perform 3 (All or Nothing): nothing is sent while a contact is invalid; a split list is first
 *   checked batch by batch with Perform 2, then created with Perform 3 only if no contact failed.
 * Writes are never retried (a retry could create a duplicate task).
 *
 * @returns one item per input item (see {@link contactResults}): `{ TaskID?, TaskName, Mobile,
 *   created, rejected, rejection?, error? }`, plus one item per unmatched `detail_error_list` entry.
 * @throws NodeOperationError naming the item index and AIRudder field on bad task settings (nothing
 *   is sent then); {@link refusalError} when All or Nothing finds invalid contacts;
 *   {@link partialCreateError} when a task fails after others were created; NodeApiError when
 *   AIRudder refuses a request.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	let task: TaskSettings;
	let batches: Batch[];
	try {
		const settings = readTaskSettings.call(this);
		task = settings.task;
		const readContact = contactReader.call(this);
		const contacts: PreparedContact[] = items.map((item, itemIndex) => ({
			itemIndex,
			contact: readContact(item, itemIndex),
			rejections: [],
		}));
		const groups = chunk(contacts, TASK_RULES.maxContactsPerTask);
		const problem = splitTaskProblem(task, groups.length, settings.timeZone, new Date());
		if (problem) {
			throw new NodeOperationError(this.getNode(), `Item 0: ${problem.message}`, {
				itemIndex: 0,
				description: `AIRudder field: ${problem.field}`,
			});
		}
		const names = splitTaskNames(task.TaskName, groups.length);
		batches = groups.map((group, i) => ({ name: names[i], contacts: group, unmatched: [] }));
		checkContacts(contacts);
	} catch (error) {
		return failEveryItem.call(this, items, error);
	}

	if (task.Perform === 1) await createTasks.call(this, task, batches, 1);
	else {
		const refuse = () => {
			const error = refusalError(this.getNode(), batches);
			if (!this.continueOnFail()) throw error;
			return contactResults(batches, true, error.message);
		};
		if (task.Perform === 3 && rejectedCount(batches) > 0) return refuse();
		if (task.Perform === 2 || batches.length > 1) {
			try {
				for (const batch of batches) await sendBatch.call(this, task, batch, 2);
			} catch (error) {
				return failEveryItem.call(this, items, error);
			}
		}
		if (task.Perform === 2) return rejectionsAsErrors.call(this, contactResults(batches, true));
		if (rejectedCount(batches) > 0) return refuse();
		await createTasks.call(this, task, batches, 3);
	}
	return rejectionsAsErrors.call(this, contactResults(batches, false));
}
