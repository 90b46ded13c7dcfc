import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { formatAirudderTime } from '../../../../helpers/time';
import { PDS_ENDPOINTS } from '../../../../transport/pds/endpoints';
import { pdsRequest } from '../../../../transport/pds/request';
import { asNodeError } from '../../../shared/operations';
import { readCallRecords } from '../../call/records';
import { PDS_TASK_LIST_MAX } from '../getAll.operation';

/**
 * Task → Create → Wait for Completion (Predictive Dialer): after createtask, poll
 * `POST /service/callcenter/call/predict/querytasklist` with the `state` filter set to each
 * terminal state the reference names (`Finished`, then `Cancelled`) until the new task is listed
 * under one of them, then read its call records (`querytaskdetail`) and give them to the contacts.
 * Only documented fields are used: the list's `taskId`, the filters `state`, `taskName`,
 * `minstarttime`, `maxstarttime`, `limit`; the records' `mainNumber` / `phoneNumber`.
 * Source: no AIRudder doc page; the requests as a production client sends them (`pdsQueryTaskList` with its TaskState filter, `pdsQueryTaskDetail`).
 */

/** The task states the reference lists that a task does not leave, checked in this order. */
const PDS_TERMINAL_STATES = ['Finished', 'Cancelled'] as const;

const SHOW = { show: { waitForCompletion: [true] } };

/** The fields, shown under Task → Create. */
export const waitProperties: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			"Whether to wait after creating the task until AIRudder lists it as Finished or Cancelled, then output each contact's call records (calls). The node keeps running while it waits.",
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		displayOptions: SHOW,
		description:
			'How often to ask whether the task has ended. Each check is one or two task-list requests (Finished, then Cancelled): at 60 s at most 2 requests a minute, at 10 s at most 12.',
	},
	{
		displayName: 'Maximum Wait (Minutes)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 60,
		displayOptions: SHOW,
		description:
			'How long to wait at most. When it runs out the contacts are output with timedOut true and the call records so far; the task keeps dialling.',
	},
];

export interface WaitSettings {
	intervalMs: number;
	maxWaitMs: number;
}

/** The task being waited for: its ID and name, its times (account wall time) and the zone. */
interface WaitedTask {
	taskId: string;
	taskName: string;
	startTime: string;
	autoEndTime: string;
	timeZone: string;
}

/**
 * Reads Wait for Completion (task-level: from the first item).
 * @returns undefined when it is off, else the interval and the maximum wait in ms.
 * @throws NodeOperationError naming item 0 and the field for a bad value (nothing is sent then).
 */
export function readWaitSettings(this: IExecuteFunctions): WaitSettings | undefined {
	if (this.getNodeParameter('waitForCompletion', 0, false) !== true) return undefined;
	const read = (name: string, label: string, min: number, fallback: number) => {
		const value = Number(this.getNodeParameter(name, 0, fallback));
		if (!Number.isFinite(value) || value < min) {
			throw new NodeOperationError(
				this.getNode(),
				`Item 0: ${label} must be a number of at least ${min}`,
				{ itemIndex: 0 },
			);
		}
		return value;
	};
	return {
		intervalMs: read('pollInterval', 'Poll Interval (Seconds)', 1, 60) * 1000,
		maxWaitMs: read('maxWait', 'Maximum Wait (Minutes)', 0.1, 60) * 60_000,
	};
}

/** Waits `ms`, in steps of at most 1 s so that a cancelled execution stops the wait. */
async function pause(this: IExecuteFunctions, ms: number): Promise<void> {
	const signal = this.getExecutionCancelSignal?.();
	const until = Date.now() + ms;
	for (let left = ms; left > 0; left = until - Date.now()) {
		if (signal?.aborted) {
			throw new NodeOperationError(this.getNode(), 'The execution was cancelled');
		}
		await sleep(Math.min(1000, left));
	}
}

const HOUR_MS = 3_600_000;

/**
 * The terminal state the task is listed under, if any. The window spans the task's start time
 * and its creation (now): the reference client says the window applies to `cdate` by default.
 */
async function terminalState(
	this: IExecuteFunctions,
	task: WaitedTask,
): Promise<string | undefined> {
	const now = Date.now();
	const earlier = formatAirudderTime(new Date(now - HOUR_MS), task.timeZone);
	const later = formatAirudderTime(new Date(now + HOUR_MS), task.timeZone);
	const query: IDataObject = {
		minstarttime: task.startTime < earlier ? task.startTime : earlier,
		maxstarttime: task.autoEndTime > later ? task.autoEndTime : later,
		limit: PDS_TASK_LIST_MAX,
		taskName: task.taskName,
	};
	for (const state of PDS_TERMINAL_STATES) {
		const body = (await pdsRequest.call(
			this,
			PDS_ENDPOINTS.queryTaskList,
			{ ...query, state },
			0,
		)) as IDataObject;
		const list = Array.isArray(body.list) ? (body.list as IDataObject[]) : [];
		if (list.some((listed) => listed?.taskId === task.taskId)) return state;
	}
	return undefined;
}

/**
 * Hands each call record to the contact whose number is its `mainNumber` (the contact's main
 * number), else its `phoneNumber` (the number dialled). @returns the records of no contact.
 */
function assignCalls(results: INodeExecutionData[], records: IDataObject[]): IDataObject[] {
	const byNumber = new Map<string, IDataObject[]>();
	for (const { json } of results) {
		if (typeof json.phonenumber === 'string') byNumber.set(json.phonenumber, []);
	}
	const unmatched: IDataObject[] = [];
	for (const record of records) {
		const calls =
			byNumber.get(String(record.mainNumber ?? '')) ??
			byNumber.get(String(record.phoneNumber ?? ''));
		if (calls) calls.push(record);
		else unmatched.push(record);
	}
	for (const { json } of results) {
		json.calls = typeof json.phonenumber === 'string' ? byNumber.get(json.phonenumber) : [];
	}
	return unmatched;
}

/**
 * Polls every `settings.intervalMs` (the first check at once, the last at the deadline) until the
 * task is Finished or Cancelled or `settings.maxWaitMs` has passed, then reads all its call records.
 *
 * @returns the contact items of Create, each with `taskState` ('Finished' | 'Cancelled' | null),
 *   `timedOut` and `calls` (its call records, times also as `<field>Iso`), plus one item
 *   `{taskId, taskName, taskState, timedOut, calls}` for records matching no contact (if any).
 * @throws NodeOperationError "Task <id> was created …; waiting for it failed: …" when a request
 *   fails (with Continue On Fail: every contact item gets that `error` instead).
 */
export async function waitForCompletion(
	this: IExecuteFunctions,
	settings: WaitSettings,
	task: WaitedTask,
	results: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	try {
		if (!task.taskId)
			throw new Error('AIRudder answered no taskId, so there is no task to wait for');
		const deadline = Date.now() + settings.maxWaitMs;
		let state = await terminalState.call(this, task);
		while (!state && Date.now() < deadline) {
			await pause.call(this, Math.min(settings.intervalMs, deadline - Date.now()));
			state = await terminalState.call(this, task);
		}
		const records = await readCallRecords.call(
			this,
			{ taskId: task.taskId, needCustomerInfo: false },
			Infinity,
			0,
		);
		const outcome = { taskState: state ?? null, timedOut: !state };
		const unmatched = assignCalls(results, records);
		const items: INodeExecutionData[] = results.map(({ json, pairedItem }) => ({
			json: { ...json, ...outcome },
			pairedItem,
		}));
		if (unmatched.length) {
			items.push({
				json: { taskId: task.taskId, taskName: task.taskName, ...outcome, calls: unmatched },
				pairedItem: results.flatMap(({ pairedItem }) => pairedItem ?? []),
			} as INodeExecutionData);
		}
		return items;
	} catch (caught) {
		const cause = asNodeError.call(this, caught, 0);
		const message = `Task ${task.taskId} (${task.taskName}) was created and dials on; waiting for it failed: ${cause.message}`;
		if (!this.continueOnFail()) {
			throw new NodeOperationError(this.getNode(), message, {
				itemIndex: 0,
				description: cause.description ?? undefined,
			});
		}
		return results.map(({ json, pairedItem }) => ({
			json: { ...json, taskState: null, timedOut: false, error: message },
			pairedItem,
		}));
	}
}
