import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { runPdsTask } from './pds-dialer';
import { hexId, type SandboxState } from './state';

/**
 * The Predictive Dialer (PDS) part of the sandbox: the seven POST endpoints under
 * `/service/callcenter/call/predict/` (shared/airudder-api/pds.openapi.yaml), with their own
 * APPKey/APPSecret, tokens, skill groups and tasks. The server records the request and plays
 * faults first; this file answers.
 *
 * From the reference: form-encoded `auth` → `{code: 0, body: {token}}`; `Authorization: Token <token>`
 * (HTTP 401 when missing/unknown/expired); the envelope `{code, message, status, body}` with
 * code 0 and message 'successfully'; every request field; the error codes of the table, each where
 * its message says; call-record fields; callbacks `{type, body}` to the base64 `callback` URL.
 * ILLUSTRATIVE (the reference shows none): error bodies (`{code, message, status: 'failed',
 * body: null}` under HTTP 200, the table's message), the 401 body, the `errorContactList` entry
 * shape, the skill groups and agents, call outcomes, recording links, and the compressed clock (a
 * task starts at its start time but dials in milliseconds; see pds-dialer.ts).
 */

export const PDS_PREFIX = '/service/callcenter/call/predict/';
/** The sandbox's PDS key pair (distinct from the cloud one). */
export const PDS_APP_KEY = 'sandbox-pds-app-key';
export const PDS_APP_SECRET = 'sandbox-pds-app-secret';
/** Skill groups and their agents (createtask groupName / agentName). */
export const PDS_GROUPS: Readonly<Record<string, readonly string[]>> = {
	Group_Sandbox: ['agent01', 'agent02'],
	Group_Bucket3: ['agent03'],
};

/** One call of a PDS task (a querytaskdetail record once `finished`). */
export interface PdsCall {
	callid: string;
	contact: Record<string, string | null>;
	phoneNumber: string;
	state: 'pending' | 'cancelled' | 'finished';
	answered: boolean;
	agentName?: string;
	calltime?: string;
	ringtime?: string;
	answertime?: string;
	talktime?: string;
	endtime?: string;
	hangupReason?: number;
}

export interface PdsTask {
	taskId: string;
	name: string;
	state: 'Not Started' | 'Running' | 'Finished' | 'Cancelled';
	groupName: string;
	startTime: string;
	autoEndTime: string;
	/** Decoded callback URL ('' = none). */
	callbackUrl: string;
	settings: Record<string, unknown>;
	calls: PdsCall[];
	createdAt: number;
	/** Callbacks the sandbox fired for the task, with the receiver's status (0 = network error). */
	callbacks: Array<{ type: string; status: number }>;
}

interface PdsState {
	tokens: Map<string, number>;
	tasks: Map<string, PdsTask>;
}

const STATES = new WeakMap<SandboxState, PdsState>();

/** The PDS state of a sandbox (created on first use). */
export function pdsState(state: SandboxState): PdsState {
	let pds = STATES.get(state);
	if (!pds) {
		pds = { tokens: new Map(), tasks: new Map() };
		STATES.set(state, pds);
	}
	return pds;
}

/** Expires every PDS token (the next call answers 401). */
export function expirePdsTokens(state: SandboxState): void {
	for (const token of pdsState(state).tokens.keys()) pdsState(state).tokens.set(token, 0);
}

/**
 * Cancels a task as an operator would in AIRudder's console (the reference names no cancel
 * endpoint; `Cancelled` is one of the querytasklist states): dialling stops, the contacts not yet
 * dialled are cancelled. @returns false when no task has this ID (or name).
 */
export function cancelPdsTask(state: SandboxState, taskIdOrName: string): boolean {
	const tasks = pdsState(state).tasks;
	const task = tasks.get(taskIdOrName) ?? [...tasks.values()].find((t) => t.name === taskIdOrName);
	if (!task) return false;
	task.state = 'Cancelled';
	for (const call of task.calls) if (call.state === 'pending') call.state = 'cancelled';
	return true;
}

/** Forgets PDS tokens and tasks. */
export function resetPds(state: SandboxState): void {
	STATES.delete(state);
}

type Body = Record<string, unknown>;
interface Reply {
	status: number;
	body: unknown;
}

/** The reference's error-code table, as far as the sandbox answers it. */
const MESSAGES: Record<number, string> = {
	10301: 'Invalid app key',
	10302: 'Account verification failed',
	10502: 'TaskID is null',
	10503: 'Callback url is null',
	10504: 'Invalid callback url',
	10505: 'ContactList is null',
	10506: 'Task is not found',
	10508: 'Task Name is duplicated',
	10509: 'The scheduled start time can not be earlier than the current time',
	10510: 'Incorrect phone number',
	10511: 'The group is not found.',
	10512: 'The groupName is null.',
	10518: 'Invalid TaskName',
	10519: 'Copied task is empty.',
	10521: 'invalid RepeatTimes',
	10522: 'invalid BulkCallInterval',
	10524: 'invalid QA Config',
	10525: 'invalid Max Lost Rate',
	10526: 'invalid Contact Number Interval',
	10550: 'Invalid agentName',
	10551: 'agentName is not in the group',
	10606: 'Check Task failed',
	10607: 'Check TaskDetail failed',
	10608: 'CallID is null',
	10609: 'CallID is invalid',
	10611: 'The call of the CallID is not finished',
	10612: 'The call of the CallID is not talked',
	10620: 'At least 5 minutes between task start time and task end time',
	10621: 'Task start time and task end time must be on the same day',
	10702: 'TaskID is invalid',
	10705: 'The number of queries exceeds the number limit',
};

const success = (body: unknown): Reply => ({
	status: 200,
	body: { code: 0, message: 'successfully', status: 'success', body },
});
/** ILLUSTRATIVE error envelope: HTTP 200, the table's code and message. */
const error = (code: number, detail?: string, status = 200): Reply => ({
	status,
	body: {
		code,
		message: MESSAGES[code] ?? 'error',
		status: detail ? `failed: ${detail}` : 'failed',
		body: null,
	},
});

const isObject = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

const TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** Reads `YYYY-MM-DD HH:MM:SS` as wall time in the account's offset. @returns ms, or undefined. */
export function pdsTimeMs(state: SandboxState, value: unknown): number | undefined {
	const m = TIME.exec(text(value));
	if (!m) return undefined;
	const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
	return wall - state.opts.accountOffsetMinutes * 60_000;
}

const PHONE = /^\+\d{1,14}$/;
const TASK_NAME = /^[A-Za-z0-9_-]+$/;

function token(state: SandboxState, authorization: string | undefined): Reply | undefined {
	const m = /^Token ([^ ]+)$/.exec(authorization ?? '');
	const expiresAt = m ? pdsState(state).tokens.get(m[1]) : undefined;
	if (expiresAt !== undefined && expiresAt > Date.now()) return undefined;
	// ILLUSTRATIVE body; the status is the reference's (HTTP 401 → sign in again).
	return {
		status: 401,
		body: { code: 401, message: 'Unauthorized', status: 'token missing, unknown or expired' },
	};
}

function auth(state: SandboxState, contentType: string, raw: string): Reply {
	if (!/^application\/x-www-form-urlencoded\b/i.test(contentType))
		return {
			status: 400,
			body: { code: 400, message: 'auth takes a form-encoded body', body: null },
		};
	const form = new URLSearchParams(raw);
	if (form.get('APPKey') !== PDS_APP_KEY) return error(10301, undefined, 401);
	if (form.get('APPSecret') !== PDS_APP_SECRET) return error(10302, undefined, 401);
	const issued = randomBytes(24).toString('base64');
	pdsState(state).tokens.set(issued, Date.now() + state.opts.tokenTtlSeconds * 1000);
	return success({ token: issued });
}

/** 10512/10511/10550/10551 on groupName and agentName. */
function checkGroup(body: Body): Reply | undefined {
	const group = text(body.groupName);
	if (!group) return error(10512);
	const agents = PDS_GROUPS[group];
	if (!agents) return error(10511, group);
	const named = body.agentName ?? [];
	if (!Array.isArray(named) || named.some((name) => typeof name !== 'string'))
		return error(10550, 'agentName must be a list of names');
	const all = Object.values(PDS_GROUPS).flat();
	for (const name of named as string[]) {
		if (!all.includes(name)) return error(10550, name);
		if (!agents.includes(name)) return error(10551, name);
	}
	return undefined;
}

/** 10521/10522/10524/10525/10526 on the dialling settings that are present. */
function checkSettings(body: Body): Reply | undefined {
	const int = (value: unknown, min: number) =>
		value === undefined || (Number.isInteger(value) && (value as number) >= min);
	if (!int(body.repeatTimes, 1)) return error(10521);
	if (!int(body.bulkCallInterval, 60)) return error(10522);
	if (body.autoQa !== undefined && body.autoQa !== 'Y' && body.autoQa !== 'N') return error(10524);
	if (
		body.maxLostRate !== undefined &&
		!(typeof body.maxLostRate === 'number' && body.maxLostRate >= 0)
	)
		return error(10525);
	if (!int(body.contactNumberInterval, 0)) return error(10526);
	return undefined;
}

/** 10518/10508 on a new task's name. */
function checkName(state: SandboxState, name: string): Reply | undefined {
	if (!TASK_NAME.test(name)) return error(10518, name);
	if ([...pdsState(state).tasks.values()].some((task) => task.name === name))
		return error(10508, name);
	return undefined;
}

/** 10509/10620/10621 (start '' = now). @returns the start and end in ms, or the refusal. */
function checkSchedule(state: SandboxState, body: Body): Reply | { start: number; end: number } {
	const now = state.opts.now().getTime();
	const emptyStart =
		body.startTime === '' || body.startTime === null || body.startTime === undefined;
	const start = emptyStart ? now : pdsTimeMs(state, body.startTime);
	const end = pdsTimeMs(state, body.autoEndTime);
	if (start === undefined) return error(10509, 'startTime must be YYYY-MM-DD HH:MM:SS');
	if (end === undefined) return error(10620, 'autoEndTime must be YYYY-MM-DD HH:MM:SS');
	if (start < now - 60_000) return error(10509);
	if (end - start < 5 * 60_000) return error(10620);
	const day = (ms: number) =>
		new Date(ms + state.opts.accountOffsetMinutes * 60_000).toISOString().slice(0, 10);
	if (day(start) !== day(end)) return error(10621);
	return { start, end };
}

function newTask(
	state: SandboxState,
	body: Body,
	callbackUrl: string,
	contacts: PdsCall['contact'][],
): PdsTask {
	const task: PdsTask = {
		taskId: hexId(),
		name: text(body.taskName),
		state: 'Not Started',
		groupName: text(body.groupName),
		startTime: text(body.startTime),
		autoEndTime: text(body.autoEndTime),
		callbackUrl,
		settings: Object.fromEntries(
			Object.entries(body).filter(([key]) => key !== 'customizeContacts' && key !== 'contactList'),
		),
		calls: contacts.map((contact) => ({
			callid: hexId(),
			contact,
			phoneNumber: String(contact.phonenumber),
			state: 'pending',
			answered: !String(contact.phonenumber).endsWith('0'),
		})),
		createdAt: Date.now(),
		callbacks: [],
	};
	pdsState(state).tasks.set(task.taskId, task);
	return task;
}

function createTask(state: SandboxState, body: Body): Reply {
	const nameProblem = checkName(state, text(body.taskName));
	if (nameProblem) return nameProblem;
	const schedule = checkSchedule(state, body);
	if ('status' in schedule) return schedule;
	const problem = checkGroup(body) ?? checkSettings(body);
	if (problem) return problem;
	if (body.callback === undefined || body.callback === null) return error(10503);
	let callbackUrl = '';
	if (body.callback !== '') {
		callbackUrl = Buffer.from(text(body.callback), 'base64').toString('utf8');
		if (
			!/^https?:\/\/\S+$/.test(callbackUrl) ||
			Buffer.from(callbackUrl).toString('base64') !== body.callback
		)
			return error(10504, 'callback must be the base64 of an http(s) URL');
	}
	const given = body.customizeContacts;
	if (!Array.isArray(given) || given.length === 0) return error(10505);
	const accepted: PdsCall['contact'][] = [];
	const errorContactList: unknown[] = [];
	for (const contact of given) {
		const flat =
			isObject(contact) && Object.values(contact).every((v) => v === null || typeof v === 'string');
		if (!flat)
			errorContactList.push({
				contact,
				code: 10517,
				reason: 'a contact is a flat object of strings',
			});
		else if (!PHONE.test(text(contact.phonenumber)))
			errorContactList.push({
				phonenumber: contact.phonenumber,
				code: 10510,
				reason: MESSAGES[10510],
			});
		else accepted.push(contact as PdsCall['contact']);
	}
	if (accepted.length === 0) return error(10510, 'no contact has a valid phonenumber');
	const task = newTask(state, body, callbackUrl, accepted);
	runPdsTask(state, task, schedule.start);
	return success({ taskId: task.taskId, errorContactList });
}

function copyTask(state: SandboxState, body: Body): Reply {
	if (!text(body.fromTask)) return error(10519);
	const source = [...pdsState(state).tasks.values()].find((task) => task.name === body.fromTask);
	if (!source) return error(10506, text(body.fromTask));
	const problem = checkName(state, text(body.taskName)) ?? checkGroup(body) ?? checkSettings(body);
	if (problem) return problem;
	const schedule = checkSchedule(state, body);
	if ('status' in schedule) return schedule;
	const calls = source.calls.filter(
		(call) =>
			!(body.noanswerOnly === 'Y' && call.answered && call.state === 'finished') &&
			!(body.ignoreCancelled === 'Y' && call.state === 'cancelled'),
	);
	const task = newTask(
		state,
		body,
		source.callbackUrl,
		calls.map((call) => call.contact),
	);
	runPdsTask(state, task, schedule.start);
	return success({ taskId: task.taskId });
}

function cancelContacts(state: SandboxState, body: Body): Reply {
	if (!text(body.TaskID)) return error(10502, 'TaskID (capital) is required');
	const task = pdsState(state).tasks.get(text(body.TaskID));
	if (!task) return error(10702);
	if (!Array.isArray(body.contactList)) return error(10505);
	const numbers = new Set(body.contactList.map(String));
	const cancelled = new Set<string>();
	for (const call of task.calls) {
		if (call.state === 'pending' && numbers.has(call.phoneNumber)) {
			call.state = 'cancelled';
			cancelled.add(call.phoneNumber);
		}
	}
	return success([...cancelled]);
}

function queryTaskList(state: SandboxState, body: Body): Reply {
	const min = pdsTimeMs(state, body.minstarttime);
	const max = pdsTimeMs(state, body.maxstarttime);
	if (min === undefined || max === undefined)
		return error(10606, 'minstarttime and maxstarttime must be YYYY-MM-DD HH:MM:SS');
	if (!Number.isInteger(body.limit) || (body.limit as number) < 1)
		return error(10606, 'limit is required');
	if ((body.limit as number) > 500) return error(10705);
	const order = text(body.orderBy) || 'CreatedAt';
	const list = [...pdsState(state).tasks.values()]
		.filter((task) => {
			const start = pdsTimeMs(state, task.startTime) ?? task.createdAt;
			return start >= min && start <= max;
		})
		.filter((task) => !body.taskName || task.name === body.taskName)
		.filter((task) => !body.state || task.state === body.state)
		.sort((a, b) =>
			order === 'CreatedAt' ? a.createdAt - b.createdAt : a.startTime.localeCompare(b.startTime),
		)
		.slice(0, body.limit as number)
		.map((task) => ({
			taskId: task.taskId,
			name: task.name,
			state: task.state,
			groupName: task.groupName,
			startTime: task.startTime,
			autoEndTime: task.autoEndTime,
			contacts: task.calls.length,
		}));
	return success({ list, total: list.length });
}

/** One querytaskdetail record (CallRecord of the reference). */
function record(state: SandboxState, task: PdsTask, call: PdsCall, withInfo: boolean): Body {
	return {
		callType: call.answered ? 'AgentStatus' : 'ContactStatus',
		callResultType: call.answered ? 'Connected' : 'NotConnected',
		talkResult: call.answered ? 'Connected' : null,
		taskId: task.taskId,
		taskName: task.name,
		callid: call.callid,
		phoneNumber: call.phoneNumber,
		mainNumber: call.phoneNumber,
		agentName: call.agentName ?? null,
		phoneTag: 'phonenumber',
		talkremarks: call.answered ? 'sandbox call' : null,
		calltime: call.calltime,
		endtime: call.endtime ?? '',
		answertime: call.answertime ?? '',
		ringtime: call.ringtime ?? '',
		talktime: call.talktime ?? '',
		customizeResults: call.answered ? [{ title: 'Level 1', value: 'RPC' }] : [],
		hangupReason: call.hangupReason,
		reclink: call.answered ? pdsRecordingLink(state, call) : null,
		nthCall: 1,
		...(withInfo ? { customerInfo: call.contact } : {}),
	};
}

/** The sandbox media link of a call's recording. */
export function pdsRecordingLink(state: SandboxState, call: PdsCall): string {
	return `${state.baseUrl}/__sandbox/media/pds-${call.callid}.wav?bytes=${state.opts.recordingBytes}`;
}

function queryTaskDetail(state: SandboxState, body: Body): Reply {
	if (!text(body.taskId)) return error(10502);
	const task = pdsState(state).tasks.get(text(body.taskId));
	if (!task) return error(10702);
	const offset = body.offset ?? 0;
	const limit = body.limit;
	if (!Number.isInteger(offset) || (offset as number) < 0)
		return error(10607, 'offset must be an integer ≥ 0');
	if (limit !== undefined && (!Number.isInteger(limit) || (limit as number) < 1))
		return error(10607, 'limit must be an integer ≥ 1');
	const min = body.minstarttime === undefined ? undefined : pdsTimeMs(state, body.minstarttime);
	const max = body.maxstarttime === undefined ? undefined : pdsTimeMs(state, body.maxstarttime);
	const like = Array.isArray(body.like) ? (body.like as Body[]) : [];
	const matching = task.calls.filter((call) => {
		if (call.state !== 'finished') return false;
		const at = Date.parse(call.calltime ?? '');
		if (min !== undefined && at < min) return false;
		if (max !== undefined && at > max) return false;
		return like.every(
			(rule) => rule.field !== 'callid' || call.callid.includes(text(rule.pattern)),
		);
	});
	const page = matching.slice(offset as number, (offset as number) + ((limit as number) ?? 50));
	return success({
		total: matching.length,
		list: page.map((call) => record(state, task, call, body.needCustomerInfo === true)),
	});
}

function recording(state: SandboxState, body: Body): Reply {
	if (!text(body.callid)) return error(10608);
	for (const task of pdsState(state).tasks.values()) {
		const call = task.calls.find((c) => c.callid === body.callid);
		if (!call) continue;
		if (call.state !== 'finished') return error(10611);
		if (!call.answered) return error(10612);
		return success({ link: pdsRecordingLink(state, call) });
	}
	return error(10609);
}

const HANDLERS: Record<string, (state: SandboxState, body: Body) => Reply> = {
	createtask: createTask,
	copytask: copyTask,
	canceltaskcontacts: cancelContacts,
	querytasklist: queryTaskList,
	querytaskdetail: queryTaskDetail,
	'case/recording': recording,
};

/**
 * Answers a PDS request. @returns false when the path is not a PDS one (the server goes on).
 */
export function handlePds(
	state: SandboxState,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	rawBody: string,
): boolean {
	if (!path.startsWith(PDS_PREFIX)) return false;
	const operation = path.slice(PDS_PREFIX.length);
	const contentType = String(req.headers['content-type'] ?? '');
	let reply: Reply;
	if (req.method !== 'POST') reply = { status: 405, body: { code: 405, message: 'POST only' } };
	else if (operation === 'auth') reply = auth(state, contentType, rawBody);
	else if (!HANDLERS[operation])
		reply = { status: 404, body: { code: 404, message: `No PDS API ${operation}` } };
	else {
		reply = token(state, req.headers.authorization) ?? { status: 0, body: null };
		if (reply.status === 0) {
			let body: unknown;
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = undefined;
			}
			reply = !/^application\/json\b/i.test(contentType)
				? { status: 400, body: { code: 400, message: 'Content-Type must be application/json' } }
				: isObject(body)
					? HANDLERS[operation](state, body)
					: { status: 400, body: { code: 400, message: 'The body must be a JSON object' } };
		}
	}
	const json = JSON.stringify(reply.body);
	res
		.writeHead(reply.status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(json)),
		})
		.end(json);
	return true;
}
