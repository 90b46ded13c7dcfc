import { fireCallback } from './callbacks';
import { charLength, checkField, fail, invalid, isObject, ok, type JsonReply } from './envelope';
import { callRecording, taskRecordings } from './media';
import { hexId, sleep, type SandboxState } from './state';
import type { SandboxTask } from './types';

/**
 * Calling tasks: create, list, detail, stop, cancel one call, robots, recordings.
 * Create is documented in full (seed 002, the DIDI page); the other paths come from a third-party
 * client and their answers are undocumented — those `data` shapes are ILLUSTRATIVE.
 */

/** Documented limits of "Create a Calling Task" (seed 002). */
export const CREATE_TASK_RULES = {
	taskNameMax: 64,
	windowDays: 5,
	minDurationMinutes: 30,
	repeatInterval: [0, 30],
	repeatNumber: [0, 15],
	perform: [1, 2, 3],
	robotMethod: ['single', 'group'],
	maxDetails: 10_000,
	customerMax: 64,
	platformMax: 20,
	commentsMax: 64,
	gender: ['male', 'female'],
} as const;

const SCHEDULE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Parses `YYYY-MM-DD hh:mm:ss` as wall time at `offsetMinutes` east of UTC.
 * @returns ms since the epoch, or undefined for a wrong format or an impossible date/time.
 */
export function parseScheduleTime(text: string, offsetMinutes: number): number | undefined {
	const m = SCHEDULE.exec(text);
	if (!m) return undefined;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi, s);
	const back = new Date(wall);
	if (
		back.getUTCFullYear() !== y ||
		back.getUTCMonth() !== mo - 1 ||
		back.getUTCDate() !== d ||
		h > 23 ||
		mi > 59 ||
		s > 59
	) {
		return undefined;
	}
	return wall - offsetMinutes * 60_000;
}

/** Formats an instant as `YYYY-MM-DD hh:mm:ss` in the account's offset. */
export function formatScheduleTime(ms: number, offsetMinutes: number): string {
	return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

function scheduleProblem(
	state: SandboxState,
	body: Record<string, unknown>,
): JsonReply | undefined {
	const offset = state.opts.accountOffsetMinutes;
	const zone = `account time zone UTC${state.opts.accountUtcOffset}`;
	const times: Record<string, number> = {};
	for (const field of ['ScheduleStartTime', 'ScheduleEndTime']) {
		const typeProblem = checkField(body, field, 'string', true);
		if (typeProblem) return invalid(field, 'is required unless StartImmediately is true');
		const ms = parseScheduleTime(body[field] as string, offset);
		if (ms === undefined)
			return invalid(field, `must be "YYYY-MM-DD hh:mm:ss" (got "${String(body[field])}")`);
		times[field] = ms;
	}
	const now = state.opts.now().getTime();
	// "Within the next five days": read as [now, now + 5 × 24 h]. The format has one-second
	// resolution, so a start in the current second is not "in the past".
	const windowEnd = now + CREATE_TASK_RULES.windowDays * 86_400_000;
	const start = times.ScheduleStartTime;
	const end = times.ScheduleEndTime;
	if (start < Math.floor(now / 1000) * 1000) {
		return invalid(
			'ScheduleStartTime',
			`${String(body.ScheduleStartTime)} (${zone}) is in the past; it must be within the next 5 days`,
		);
	}
	if (start > windowEnd)
		return invalid(
			'ScheduleStartTime',
			`${String(body.ScheduleStartTime)} (${zone}) must be within the next 5 days`,
		);
	if (end > windowEnd)
		return invalid(
			'ScheduleEndTime',
			`${String(body.ScheduleEndTime)} (${zone}) must be within the next 5 days`,
		);
	if (end - start < CREATE_TASK_RULES.minDurationMinutes * 60_000) {
		return invalid('ScheduleEndTime', 'must be at least 30 minutes after ScheduleStartTime');
	}
	return undefined;
}

function rangeProblem(
	body: Record<string, unknown>,
	field: string,
	[min, max]: readonly [number, number],
): JsonReply | undefined {
	const problem = checkField(body, field, 'integer', true);
	if (problem) return problem;
	const value = body[field] as number;
	return value < min || value > max
		? invalid(field, `must be from ${min} to ${max} (got ${value})`)
		: undefined;
}

function enumProblem(
	body: Record<string, unknown>,
	field: string,
	values: readonly unknown[],
	required: boolean,
): JsonReply | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '')
		return required ? invalid(field, 'is required') : undefined;
	return values.includes(value)
		? undefined
		: invalid(field, `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})`);
}

/** Task-level checks, in the docs' field order. @returns the first problem (ILLUSTRATIVE body). */
function taskProblem(state: SandboxState, body: Record<string, unknown>): JsonReply | undefined {
	const name = checkField(body, 'TaskName', 'string', true);
	if (name) return name;
	const taskName = body.TaskName as string;
	if (charLength(taskName) > CREATE_TASK_RULES.taskNameMax) {
		return invalid(
			'TaskName',
			`is ${charLength(taskName)} characters long; at most 64 are allowed`,
		);
	}
	const taken = [...state.tasks.values()].find((task) => task.TaskName === taskName);
	if (taken)
		return invalid(
			'TaskName',
			`"${taskName}" is already used by task ${taken.TaskID}; task names must be unique`,
		);
	const immediately = checkField(body, 'StartImmediately', 'boolean', false);
	if (immediately) return immediately;
	// With StartImmediately true the schedule may be omitted and "the system computes it"; the docs'
	// own example sends StartImmediately true WITH past schedule times, so they are not checked then.
	if (body.StartImmediately !== true) {
		const schedule = scheduleProblem(state, body);
		if (schedule) return schedule;
	}
	return (
		checkField(body, 'RobotID', 'string', true) ??
		checkField(body, 'SIPLine', 'string', true) ??
		rangeProblem(body, 'RepeatInterval', CREATE_TASK_RULES.repeatInterval) ??
		rangeProblem(body, 'RepeatNumber', CREATE_TASK_RULES.repeatNumber) ??
		// Type: required string; only 'promotion' (marketing) is documented, other values are accepted.
		checkField(body, 'Type', 'string', true) ??
		enumProblem(body, 'Perform', CREATE_TASK_RULES.perform, true) ??
		enumProblem(body, 'RobotMethod', CREATE_TASK_RULES.robotMethod, false) ??
		checkField(body, 'AsyncCreate', 'boolean', false) ??
		checkField(body, 'DncSwitch', 'boolean', false) ??
		checkField(body, 'Details', 'array', true) ??
		detailsCountProblem(body.Details as unknown[])
	);
}

function detailsCountProblem(details: unknown[]): JsonReply | undefined {
	if (details.length === 0) return invalid('Details', 'must hold at least one contact');
	if (details.length > CREATE_TASK_RULES.maxDetails) {
		return invalid(
			'Details',
			`holds ${details.length} contacts; at most 10000 are allowed per task`,
		);
	}
	return undefined;
}

/**
 * Checks one contact row. Documented: Mobile required, '+' and country code; Platform required,
 * ≤ 20; Customer ≤ 64; Comments ≤ 64; Gender male|female; RobotID, ExtraA–C strings. Other keys
 * (e.g. the Collection fields Debtor, LoanDate… of the docs' encryption example) are accepted as sent.
 * @returns the first problem's message (messages are ILLUSTRATIVE, except that a number without '+'
 *   mirrors the docs' example "Country Code Error: 13016111"), or undefined.
 */
export function contactProblem(row: unknown): string | undefined {
	if (!isObject(row)) return 'a contact must be a JSON object';
	const mobile = row.Mobile;
	if (typeof mobile !== 'string' || mobile === '') return 'Mobile is required';
	if (!mobile.startsWith('+')) return `Country Code Error: ${mobile}`;
	// Pattern of the reference (DidiTaskDetail.Mobile): '+', then the country code and number as digits.
	if (!/^\+[0-9]+$/.test(mobile))
		return `Mobile "${mobile}" must be '+' followed by the country code and number (digits only)`;
	const platform = row.Platform;
	if (typeof platform !== 'string' || platform === '') return 'Platform is required';
	const limits: Array<[string, number]> = [
		['Platform', CREATE_TASK_RULES.platformMax],
		['Customer', CREATE_TASK_RULES.customerMax],
		['Comments', CREATE_TASK_RULES.commentsMax],
	];
	for (const [field, max] of limits) {
		const value = row[field];
		if (value === undefined || value === null || value === '') continue;
		if (typeof value !== 'string') return `${field} must be a string`;
		if (charLength(value) > max)
			return `${field} is ${charLength(value)} characters long; at most ${max} are allowed`;
	}
	const gender = row.Gender;
	if (
		gender !== undefined &&
		gender !== null &&
		gender !== '' &&
		!(CREATE_TASK_RULES.gender as readonly unknown[]).includes(gender)
	) {
		return `Gender must be male or female (got ${JSON.stringify(gender)})`;
	}
	for (const field of ['RobotID', 'ExtraA', 'ExtraB', 'ExtraC']) {
		const value = row[field];
		if (value !== undefined && value !== null && typeof value !== 'string')
			return `${field} must be a string`;
	}
	return undefined;
}

/** One `detail_error_list` entry (documented shape `{field, msg, comments}`). */
export interface DetailError {
	/**
	 * `Details[<index>]`. The docs do not say whether the index is 0- or 1-based; the sandbox
	 * uses the 0-based array index.
	 */
	field: string;
	msg: string;
	/** The row's Comments, echoed back ('' when it has none). */
	comments: string;
}

/**
 * `POST /service/cloud/v2/task` — operationId collectionCreateTask (also didiCreateCallingTask),
 * x-doc-url https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773 (schema: seed 002).
 * `POST /service/cloud/task` — operationId telemarketingCreateTask, x-doc-url
 * https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-130920469 (path from a third-party
 * client; the reference gives it the same body, so the same checks apply).
 *
 * Request-level problems → HTTP 200, `code` 400, message naming the field (ILLUSTRATIVE body).
 * Rows are checked one by one; each bad row gives one `detail_error_list` entry (its first problem).
 * Perform 1: create with the good rows → `{TaskID, detail_error_list?}` (list only when some row was
 *   bad, as documented). With every row bad the task is created empty (literal reading; undocumented).
 * Perform 2: create nothing → `{detail_error_list}` (ILLUSTRATIVE: no TaskID, list always present).
 * Perform 3: all good → `{TaskID}`; else create nothing → `code` 400 + `data.detail_error_list` (ILLUSTRATIVE).
 * AsyncCreate/DncSwitch are accepted and have no effect (creation is always synchronous here).
 * RobotID and SIPLine values are not checked against the account (no documented rule).
 */
export function createTask(state: SandboxState, path: string, body: unknown): JsonReply {
	if (!isObject(body)) return invalid('body', 'must be a JSON object');
	const problem = taskProblem(state, body);
	if (problem) return problem;
	const rows = body.Details as unknown[];
	const errors: DetailError[] = [];
	const accepted: Array<{ contact: Record<string, unknown>; index: number }> = [];
	rows.forEach((row, index) => {
		const msg = contactProblem(row);
		if (msg === undefined) accepted.push({ contact: row as Record<string, unknown>, index });
		else {
			const comments = isObject(row) && typeof row.Comments === 'string' ? row.Comments : '';
			errors.push({ field: `Details[${index}]`, msg, comments });
		}
	});
	const perform = body.Perform as 1 | 2 | 3;
	if (perform === 2) return ok({ detail_error_list: errors });
	if (perform === 3 && errors.length > 0) {
		return fail(
			400,
			`No task created: ${errors.length} of ${rows.length} contacts are invalid (Perform 3)`,
			{ detail_error_list: errors },
		);
	}
	const task = storeTask(state, path, body, accepted);
	if (body.StartImmediately === true && state.opts.callbackUrl) simulateTask(state, task);
	return ok(
		errors.length > 0
			? { TaskID: task.TaskID, detail_error_list: errors }
			: { TaskID: task.TaskID },
	);
}

function storeTask(
	state: SandboxState,
	path: string,
	body: Record<string, unknown>,
	accepted: Array<{ contact: Record<string, unknown>; index: number }>,
): SandboxTask {
	const { Details: _details, ...settings } = body;
	const task: SandboxTask = {
		TaskID: hexId(),
		TaskName: body.TaskName as string,
		Type: body.Type as string,
		Status: body.StartImmediately === true ? 'running' : 'scheduled',
		createdVia: path,
		createdAt: Date.now(),
		settings,
		contacts: accepted.map(({ contact }) => contact),
		calls: accepted.map(({ contact, index }) => ({
			CallID: hexId(),
			Callee: contact.Mobile as string,
			DetailIndex: index,
			CallStatus: 'pending',
			Duration: 0,
		})),
	};
	state.tasks.set(task.TaskID, task);
	return task;
}

/** ILLUSTRATIVE per-call record (detail answers and call-end callbacks): the contact as sent + call fields. */
export function callRecord(
	state: SandboxState,
	task: SandboxTask,
	index: number,
): Record<string, unknown> {
	const call = task.calls[index];
	const contact = task.contacts[index] ?? {};
	return {
		...contact,
		TaskID: task.TaskID,
		TaskName: task.TaskName,
		CallID: call.CallID,
		Callee: call.Callee,
		CallStatus: call.CallStatus,
		Duration: call.Duration,
		FinishTime:
			call.FinishedAt === undefined
				? ''
				: formatScheduleTime(call.FinishedAt, state.opts.accountOffsetMinutes),
		RecordingUrl: call.CallStatus === 'finished' ? callRecording(state, task, call.Callee) : '',
	};
}

function taskSummary(state: SandboxState, task: SandboxTask): Record<string, unknown> {
	return {
		TaskID: task.TaskID,
		TaskName: task.TaskName,
		Type: task.Type,
		Status: task.Status,
		CreateTime: formatScheduleTime(task.createdAt, state.opts.accountOffsetMinutes),
		ScheduleStartTime: task.settings.ScheduleStartTime ?? '',
		ScheduleEndTime: task.settings.ScheduleEndTime ?? '',
		Total: task.calls.length,
	};
}

function findTask(state: SandboxState, taskId: unknown): SandboxTask | JsonReply {
	if (taskId === undefined || taskId === '') return invalid('TaskID', 'is required');
	// Unknown ids: the real error is undocumented (ILLUSTRATIVE code 404, HTTP 200).
	return state.tasks.get(String(taskId)) ?? fail(404, `TaskID ${String(taskId)} not found`);
}

const isReply = (value: SandboxTask | JsonReply): value is JsonReply => !('TaskID' in value);

/**
 * `GET /service/cloud/list` — collectionListTasks / telemarketingListTasks, x-doc-url
 * https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773 (query Number, Page, Type:
 * names from a third-party client, typed integer/integer/string). ILLUSTRATIVE answer
 * `{list, total, Page, Number}` (newest first; defaults Page 1, Number 10 are the sandbox's own).
 */
export function listTasks(state: SandboxState, query: Record<string, string>): JsonReply {
	for (const field of ['Number', 'Page']) {
		if (query[field] !== undefined && !/^\d+$/.test(query[field]))
			return invalid(field, 'must be an integer');
	}
	const number = Math.max(1, Number(query.Number ?? 10));
	const page = Math.max(1, Number(query.Page ?? 1));
	const all = [...state.tasks.values()]
		.reverse()
		.filter((task) => query.Type === undefined || task.Type === query.Type);
	const list = all
		.slice((page - 1) * number, page * number)
		.map((task) => taskSummary(state, task));
	return ok({ list, total: all.length, Page: page, Number: number });
}

/**
 * `GET /service/cloud/detail?TaskID=` — collectionGetTaskDetail, x-doc-url https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773.
 * ILLUSTRATIVE answer: the task summary + `list` of per-call records (`callRecord`).
 */
export function taskDetail(state: SandboxState, query: Record<string, string>): JsonReply {
	const task = findTask(state, query.TaskID);
	if (isReply(task)) return task;
	const list = task.calls.map((_call, index) => callRecord(state, task, index));
	return ok({ ...taskSummary(state, task), list, total: list.length });
}

/**
 * `POST /service/cloud/operation` `{Action: 'Stop', TaskID}` — collectionCancelTask, x-doc-url
 * https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773 (body from a third-party client; 'Stop' is the only known Action, any
 * other is refused). Stopping cancels the calls not made yet. ILLUSTRATIVE `data` `{TaskID, Status}`.
 */
export function operateTask(state: SandboxState, body: unknown): JsonReply {
	const given = isObject(body) ? body : {};
	if (given.Action !== 'Stop')
		return invalid(
			'Action',
			`${JSON.stringify(given.Action ?? null)} is not supported (known: "Stop")`,
		);
	const task = findTask(state, given.TaskID);
	if (isReply(task)) return task;
	if (task.Status !== 'finished') task.Status = 'stopped';
	for (const call of task.calls) if (call.CallStatus === 'pending') call.CallStatus = 'cancelled';
	return ok({ TaskID: task.TaskID, Status: task.Status });
}

/**
 * `POST /service/cloud/cancelphonecall` `{TaskID, CalleeNumber}` — collectionCancelCallInTask,
 * x-doc-url https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773 (body from a third-party client). Cancels that number's pending
 * call. ILLUSTRATIVE `data` `{TaskID, CalleeNumber, CallStatus}`; unknown number → code 404.
 */
export function cancelPhoneCall(state: SandboxState, body: unknown): JsonReply {
	const given = isObject(body) ? body : {};
	const task = findTask(state, given.TaskID);
	if (isReply(task)) return task;
	if (given.CalleeNumber === undefined || given.CalleeNumber === '')
		return invalid('CalleeNumber', 'is required');
	const calls = task.calls.filter((call) => call.Callee === given.CalleeNumber);
	if (calls.length === 0)
		return fail(404, `CalleeNumber ${String(given.CalleeNumber)} is not in task ${task.TaskID}`);
	for (const call of calls) if (call.CallStatus === 'pending') call.CallStatus = 'cancelled';
	return ok({
		TaskID: task.TaskID,
		CalleeNumber: given.CalleeNumber,
		CallStatus: calls[0].CallStatus,
	});
}

/**
 * `GET /service/cloud/robot` — collectionListRobots, x-doc-url https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773.
 * ILLUSTRATIVE `data`: array of `{RobotID, RobotName}` (opts.robots).
 */
export function listRobots(state: SandboxState): JsonReply {
	return ok(state.opts.robots);
}

/**
 * `GET /service/cloud/case?TaskID=&Callee=` — collectionGetCallRecording, x-doc-url https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 * (query from a third-party client, marked required by the reference). Whether AIRudder answers
 * with a link or the audio is unknown: ILLUSTRATIVE `data` `{TaskID, Callee, url}` with `url` on
 * the sandbox's own `/__sandbox/media/<TaskID>-<digits>.wav`.
 */
export function getCallRecording(state: SandboxState, query: Record<string, string>): JsonReply {
	const task = findTask(state, query.TaskID);
	if (isReply(task)) return task;
	if (!query.Callee) return invalid('Callee', 'is required');
	if (!task.calls.some((call) => call.Callee === query.Callee)) {
		return fail(404, `Callee ${query.Callee} is not in task ${task.TaskID}`);
	}
	return ok({
		TaskID: task.TaskID,
		Callee: query.Callee,
		url: callRecording(state, task, query.Callee),
	});
}

/**
 * `GET /service/cloud/recording?TaskID=` — collectionGetTaskRecordings, x-doc-url https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773.
 * ILLUSTRATIVE `data` `{TaskID, url}`: a zip (one WAV per contact) served by the sandbox.
 */
export function getTaskRecordings(state: SandboxState, query: Record<string, string>): JsonReply {
	const task = findTask(state, query.TaskID);
	if (isReply(task)) return task;
	return ok({ TaskID: task.TaskID, url: taskRecordings(state, task) });
}

/**
 * Simulates a StartImmediately task finishing (only when `opts.callbackUrl` is set): every
 * `callbackDelayMs`, one pending call is marked finished and `collectionCallFinished` is POSTed
 * with its record (ILLUSTRATIVE payload, same as a detail record); then the task is marked finished
 * and `collectionTaskFinished` is POSTed (ILLUSTRATIVE payload). Stopping the task ends the
 * simulation; delivery failures are logged and ignored (the docs give no retry rule for these).
 */
export function simulateTask(state: SandboxState, task: SandboxTask): void {
	const url = state.opts.callbackUrl;
	if (!url) return;
	const deliver = async (name: string, body: object) => {
		try {
			const answer = await fireCallback(url, name, body);
			state.opts.log(`callback ${name} → ${answer.status}`);
		} catch (error) {
			state.opts.log(`callback ${name} failed: ${(error as Error).message}`);
		}
	};
	void (async () => {
		for (const [index, call] of task.calls.entries()) {
			await sleep(state, state.opts.callbackDelayMs);
			if (task.Status === 'stopped') return;
			if (call.CallStatus !== 'pending') continue;
			call.CallStatus = 'finished';
			call.Duration = 5 + (index % 55);
			call.FinishedAt = Date.now();
			await deliver('collectionCallFinished', callRecord(state, task, index));
		}
		await sleep(state, state.opts.callbackDelayMs);
		if (task.Status === 'stopped') return;
		task.Status = 'finished';
		const count = (status: string) =>
			task.calls.filter((call) => call.CallStatus === status).length;
		await deliver('collectionTaskFinished', {
			TaskID: task.TaskID,
			TaskName: task.TaskName,
			Status: task.Status,
			Total: task.calls.length,
			Finished: count('finished'),
			Cancelled: count('cancelled'),
		});
	})();
}
