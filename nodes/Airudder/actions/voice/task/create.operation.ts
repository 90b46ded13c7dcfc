import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	assignDetailErrors,
	chunk,
	compact,
	pairsToObject,
	type DetailError,
} from '../../../helpers/contacts';
import { formatAirudderTime, parseDateTime } from '../../../helpers/time';
import {
	contactProblem,
	TASK_RULES,
	taskProblem,
	type TaskSettings,
} from '../../../helpers/validation';
import { airudderApiRequest, isAmbiguousFailure } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { asNodeError, itemParameterReader, perItemParameter } from '../../shared/operations';
import { accountTimeZone } from '../../shared/timeZone';
import { BUSINESS_LINES } from './create.properties';

/**
 * Task → Create: "Create a Calling Task", `POST /service/cloud/v2/task` (or the older
 * `/service/cloud/task`). Every input item is one contact (callee); all contacts of an execution
 * go into ONE request, split into several tasks only above 10,000 contacts.
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773 (body from seed 002)
 */

export { description } from './create.properties';

interface PreparedContact {
	itemIndex: number;
	contact: IDataObject;
}

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
			Mobile: text('mobile')?.replace(/[\s-]/g, ''),
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

/** One output item per contact: the TaskID and, when AIRudder rejected it, why. */
function contactResults(
	batch: PreparedContact[],
	taskName: string,
	data: IDataObject,
): INodeExecutionData[] {
	const { byIndex, unmatched } = assignDetailErrors(
		data.detail_error_list as DetailError[] | undefined,
		batch.length,
	);
	const results: INodeExecutionData[] = batch.map(({ itemIndex, contact }, position) => {
		const errors = byIndex.get(position);
		return {
			json: {
				TaskID: data.TaskID,
				TaskName: taskName,
				Mobile: contact.Mobile,
				rejected: errors !== undefined,
				...(errors ? { rejection: errors.length === 1 ? errors[0] : errors } : {}),
			} as IDataObject,
			pairedItem: { item: itemIndex },
		};
	});
	for (const error of unmatched) {
		results.push({
			json: {
				TaskID: data.TaskID,
				TaskName: taskName,
				rejected: true,
				rejection: error,
			} as IDataObject,
			pairedItem: batch.map(({ itemIndex }) => ({ item: itemIndex })),
		});
	}
	return results;
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

/**
 * Validates every contact and the task settings before any request, then sends one create
 * request per 10,000 contacts. Writes are never retried (a retry could create a duplicate task).
 *
 * @returns one item per input item: `{ TaskID, TaskName, Mobile, rejected, rejection? }`, plus one
 *   item per `detail_error_list` entry that names no contact of the request.
 * @throws NodeOperationError naming the item index and AIRudder field on bad input (nothing is
 *   sent then); NodeApiError when AIRudder refuses the request.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { task, timeZone } = readTaskSettings.call(this);
	const readContact = contactReader.call(this);
	const contacts: PreparedContact[] = items.map((item, itemIndex) => ({
		itemIndex,
		contact: readContact(item, itemIndex),
	}));
	const batches = chunk(contacts, TASK_RULES.maxContactsPerTask);
	const names =
		batches.length === 1 ? [task.TaskName] : batches.map((_, i) => `${task.TaskName}-${i + 1}`);

	const problem = names
		.map((TaskName) => taskProblem({ ...task, TaskName }, timeZone, new Date()))
		.find(Boolean);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `Item 0: ${problem.message}`, {
			itemIndex: 0,
			description: `AIRudder field: ${problem.field}`,
		});
	}
	for (const { itemIndex, contact } of contacts) {
		const bad = contactProblem(contact);
		if (bad) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${bad.message}`, {
				itemIndex,
				description: `AIRudder field: Details[].${bad.field}`,
			});
		}
	}

	const apiPath =
		(this.getNodeParameter('options.apiPath', 0, 'v2') as string) === 'v1'
			? ENDPOINTS.createTaskV1
			: ENDPOINTS.createTask;
	const output: INodeExecutionData[] = [];
	for (const [i, batch] of batches.entries()) {
		try {
			const response = await airudderApiRequest.call(this, apiPath, {
				body: { ...task, TaskName: names[i], Details: batch.map(({ contact }) => contact) },
				itemIndex: batch[0].itemIndex,
			});
			output.push(...contactResults(batch, names[i], (response.data ?? {}) as IDataObject));
		} catch (caught) {
			const error = isAmbiguousFailure(caught)
				? ambiguousCreateError.call(this, names[i], caught as Error, batch[0].itemIndex)
				: asNodeError.call(this, caught, batch[0].itemIndex);
			if (!this.continueOnFail()) throw error;
			for (const { itemIndex } of batch) {
				output.push({
					json: { TaskName: names[i], error: (error as Error).message },
					pairedItem: { item: itemIndex },
				});
			}
		}
	}
	return output;
}
