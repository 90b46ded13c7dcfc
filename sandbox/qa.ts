import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { postCallback } from './callbacks';
import { fail, isObject, ok, type JsonReply } from './envelope';
import { playFault, takeFault } from './faults';
import { isLongString, readJsonStream, summariseBase64, type LongString } from './qa-json';
import { qaReport, qaSign, type QaRecording } from './qa-report';
import { hexId, sleep, type SandboxState } from './state';
import type { RecordedRequest } from './types';

/**
 * The QA (speech analytics) part of the sandbox, under `/qa/` (AIRudder's QA host and prefix are
 * unknown: the credential's Base URL is `<sandbox>/qa/`). From the reference (qa.openapi.yaml, read
 * from a production client): `POST customer_token` JSON `{APPKey, APPSecret}` → `data.token` (401 =
 * refused); `Authorization: Bearer <token>` on the other calls (401 when missing, unknown or
 * expired); `POST task` `{TaskName, Language, SOPModel}` → `data.TaskID`; `POST task/recording`
 * `{TaskID, RecordingDetails: [{RecordingID, RecordingName, Recordingfile}]}` (Recordingfile: the
 * whole file, standard base64; note the lower-case f); `PUT task` `{TaskID, Action: Start|Cancel}`;
 * success `{status: 'OK', code: 200, data}`; PascalCase fields; JSON bodies. After Start the sandbox
 * POSTs the report `{TaskID, Sign, QADetail}` to its QA callback URL, Sign = md5 hex of TaskID + the
 * sign key (default 'airudder', as the reference's receiver checks it).
 * ILLUSTRATIVE: error bodies (HTTP 200 `{status: 'ERROR', code: 400, message}` naming the field, as
 * the cloud routes of the sandbox), the 401 body, task states, the report's content (qa-report.ts),
 * and the rules the reference does not give (a task accepts recordings until it is started; Start
 * needs at least one recording; Cancel works until the report is sent).
 */

export const QA_PREFIX = '/qa/';
/** The sandbox's QA key pair (distinct from the cloud and PDS ones). */
export const QA_APP_KEY = 'sandbox-qa-app-key';
export const QA_APP_SECRET = 'sandbox-qa-app-secret';
/** The reference's receiver checks md5(TaskID + 'airudder'). */
export const QA_DEFAULT_SIGN_KEY = 'airudder';

export interface QaTask {
	TaskID: string;
	TaskName: string;
	Language: string;
	SOPModel: string;
	/** Other body fields, as sent. */
	extra: Record<string, unknown>;
	state: 'created' | 'started' | 'cancelled' | 'reported';
	recordings: QaRecording[];
	/** Upload requests received for the task. */
	uploads: number;
	createdAt: number;
	/** Report callbacks sent: the receiver's HTTP status (0 = network error) and the Sign sent. */
	callbacks: Array<{ url: string; status: number; sign: string }>;
}

interface QaState {
	tokens: Map<string, number>;
	tokensIssued: number;
	tasks: Map<string, QaTask>;
	callbackUrl?: string;
	signKey: string;
}

const STATES = new WeakMap<SandboxState, QaState>();

/** The QA state of a sandbox (created on first use, with the sandbox's QA options). */
export function qaState(state: SandboxState): QaState {
	let qa = STATES.get(state);
	if (!qa) {
		qa = {
			tokens: new Map(),
			tokensIssued: 0,
			tasks: new Map(),
			callbackUrl: state.opts.qaCallbackUrl,
			signKey: state.opts.qaSignKey,
		};
		STATES.set(state, qa);
	}
	return qa;
}

/** Sets where reports go (`null` = nowhere) and the key of their Sign. @throws on a non-http(s) URL. */
export function configureQa(
	state: SandboxState,
	settings: { callbackUrl?: string | null; signKey?: string },
): { callbackUrl: string | null; signKey: string } {
	const qa = qaState(state);
	if (settings.callbackUrl !== undefined) {
		if (settings.callbackUrl !== null && !/^https?:$/.test(new URL(settings.callbackUrl).protocol))
			throw new Error('callbackUrl must be an http(s) URL');
		qa.callbackUrl = settings.callbackUrl ?? undefined;
	}
	if (settings.signKey !== undefined) qa.signKey = settings.signKey;
	return { callbackUrl: qa.callbackUrl ?? null, signKey: qa.signKey };
}

/** Expires every QA token (the next call answers 401). */
export function expireQaTokens(state: SandboxState): void {
	for (const token of qaState(state).tokens.keys()) qaState(state).tokens.set(token, 0);
}

/** Forgets QA tokens and tasks; keeps the callback URL and sign key. */
export function resetQa(state: SandboxState): void {
	const qa = qaState(state);
	qa.tokens.clear();
	qa.tokensIssued = 0;
	qa.tasks.clear();
}

const refuse = (field: string, problem: string): JsonReply => fail(400, `${field} ${problem}`);
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function obtainToken(state: SandboxState, body: Record<string, unknown>): JsonReply {
	if (body.APPKey !== QA_APP_KEY || body.APPSecret !== QA_APP_SECRET)
		return fail(401, 'APPKey or APPSecret is wrong', null, 401);
	const qa = qaState(state);
	const token = randomBytes(24).toString('hex');
	qa.tokens.set(token, Date.now() + state.opts.tokenTtlSeconds * 1000);
	qa.tokensIssued += 1;
	return ok({ token });
}

function bearer(state: SandboxState, authorization: string | undefined): JsonReply | undefined {
	const m = /^Bearer ([^ ]+)$/.exec(authorization ?? '');
	if (!m) return fail(401, 'Authorization must be "Bearer <token>"', null, 401);
	const expiresAt = qaState(state).tokens.get(m[1]);
	if (expiresAt === undefined) return fail(401, 'Unknown token', null, 401);
	if (expiresAt <= Date.now()) return fail(401, 'Token expired', null, 401);
	return undefined;
}

function createTask(state: SandboxState, body: Record<string, unknown>): JsonReply {
	for (const field of ['TaskName', 'Language', 'SOPModel']) {
		if (typeof body[field] !== 'string') return refuse(field, 'must be a string');
		if (!text(body[field])) return refuse(field, 'is required');
	}
	const { TaskName, Language, SOPModel, ...extra } = body;
	const task: QaTask = {
		TaskID: hexId(),
		TaskName: String(TaskName),
		Language: String(Language),
		SOPModel: String(SOPModel),
		extra,
		state: 'created',
		recordings: [],
		uploads: 0,
		createdAt: Date.now(),
		callbacks: [],
	};
	qaState(state).tasks.set(task.TaskID, task);
	return ok({ TaskID: task.TaskID });
}

function task(state: SandboxState, body: Record<string, unknown>): QaTask | JsonReply {
	if (!text(body.TaskID)) return refuse('TaskID', 'is required');
	return qaState(state).tasks.get(text(body.TaskID)) ?? refuse('TaskID', 'is not a task');
}

function upload(state: SandboxState, body: Record<string, unknown>): JsonReply {
	const found = task(state, body);
	if (!('TaskID' in found)) return found;
	if (found.state !== 'created') return refuse('TaskID', `is ${found.state}: no more recordings`);
	const details = body.RecordingDetails;
	if (!Array.isArray(details) || details.length === 0)
		return refuse('RecordingDetails', 'must be a non-empty array');
	const accepted: QaRecording[] = [];
	for (const [i, detail] of details.entries()) {
		const at = `RecordingDetails[${i}]`;
		if (!isObject(detail)) return refuse(at, 'must be an object');
		if ('RecordingFile' in detail || 'recordingfile' in detail)
			return refuse(`${at}.Recordingfile`, 'is spelt with a lower-case f');
		const id = detail.RecordingID;
		const idOk =
			(typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && id.trim());
		if (!idOk) return refuse(`${at}.RecordingID`, 'must be an integer or a non-empty string');
		if (!text(detail.RecordingName)) return refuse(`${at}.RecordingName`, 'is required');
		const file = detail.Recordingfile;
		const summary: LongString | undefined = isLongString(file)
			? file
			: typeof file === 'string'
				? summariseBase64(file)
				: undefined;
		if (!summary || summary.chars === 0)
			return refuse(`${at}.Recordingfile`, 'is required (the file, base64)');
		if (!summary.base64) return refuse(`${at}.Recordingfile`, 'is not standard base64');
		accepted.push({
			RecordingID: id as string | number,
			RecordingName: text(detail.RecordingName),
			bytes: summary.bytes,
			sha256: summary.sha256,
			head: summary.head,
		});
	}
	found.recordings.push(...accepted);
	found.uploads += 1;
	return ok(null);
}

/** Sends the report of a started task (after `callbackDelayMs`), when a QA callback URL is set. */
async function report(state: SandboxState, found: QaTask): Promise<void> {
	const qa = qaState(state);
	await sleep(state, state.opts.callbackDelayMs);
	if (found.state !== 'started' || state.closed) return;
	found.state = 'reported';
	const url = qa.callbackUrl;
	if (!url) return;
	const sign = qaSign(found.TaskID, qa.signKey);
	const body = { TaskID: found.TaskID, Sign: sign, QADetail: found.recordings.map(qaReport) };
	let status = 0;
	try {
		status = (await postCallback(url, body, { 'X-Sandbox-Event': 'qaRecordingReport' })).status;
	} catch (error) {
		state.opts.log(`QA report of ${found.TaskID} to ${url} failed: ${(error as Error).message}`);
	}
	found.callbacks.push({ url, status, sign });
}

function action(state: SandboxState, body: Record<string, unknown>): JsonReply {
	const found = task(state, body);
	if (!('TaskID' in found)) return found;
	if (body.Action === 'Start') {
		if (found.state !== 'created') return refuse('TaskID', `is ${found.state} already`);
		if (found.recordings.length === 0) return refuse('TaskID', 'has no recordings to analyse');
		found.state = 'started';
		report(state, found).catch((error: Error) => state.opts.log(error.message));
		return ok(null);
	}
	if (body.Action === 'Cancel') {
		if (found.state === 'reported') return refuse('TaskID', 'is analysed already');
		found.state = 'cancelled';
		return ok(null);
	}
	return refuse('Action', 'must be Start or Cancel');
}

function send(res: ServerResponse, reply: JsonReply): void {
	const json = JSON.stringify(reply.body);
	res
		.writeHead(reply.status ?? 200, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(json)),
		})
		.end(json);
}

/** The request body as recorded: long strings stay summaries (a recording is not kept). */
async function readBody(req: IncomingMessage): Promise<{ body?: unknown; error?: string }> {
	try {
		return { body: (await readJsonStream(req)).value };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/**
 * Answers a request under `/qa/` (read from the stream: an upload is never held whole), recording
 * it in `state.requests` (`body` with each long string summarised; `rawBody` empty) and playing
 * faults first. @returns false when the path is not a QA one (the server goes on).
 */
export async function handleQa(
	state: SandboxState,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	headers: Record<string, string>,
): Promise<boolean> {
	if (!path.startsWith(QA_PREFIX)) return false;
	const method = (req.method ?? 'GET').toUpperCase();
	const record: RecordedRequest = {
		method,
		path,
		query: {},
		rawQuery: '',
		headers,
		body: undefined,
		rawBody: '',
		encrypted: false,
		status: 0,
		at: Date.now(),
	};
	state.requests.push(record);
	res.on('finish', () => (record.status = res.statusCode));
	res.on('close', () => state.opts.log(`${method} ${path} → ${record.status || 'dropped'}`));
	const parsed = await readBody(req);
	record.body = parsed.body;
	const fault = takeFault(state, method, path);
	if (fault && (await playFault(state, fault, res)) !== 'proceed') {
		record.fault = true;
		return true;
	}
	const operation = `${method} ${path.slice(QA_PREFIX.length)}`;
	const routes: Record<string, (s: SandboxState, b: Record<string, unknown>) => JsonReply> = {
		'POST task': createTask,
		'PUT task': action,
		'POST task/recording': upload,
	};
	let reply: JsonReply;
	if (operation !== 'POST customer_token' && !routes[operation])
		reply = fail(404, `No QA API ${operation}`, null, 404);
	else if (!/^application\/json\b/i.test(headers['content-type'] ?? ''))
		reply = refuse('Content-Type', 'must be application/json');
	else if (parsed.error || !isObject(parsed.body))
		reply = refuse('body', `must be a JSON object${parsed.error ? ` (${parsed.error})` : ''}`);
	else if (operation === 'POST customer_token') reply = obtainToken(state, parsed.body);
	else reply = bearer(state, headers.authorization) ?? routes[operation](state, parsed.body);
	send(res, reply);
	return true;
}

/** Admin routes of the QA part (sandbox/admin.ts serves them with the others). */
export const QA_ADMIN: Record<
	string,
	(state: SandboxState, body: unknown) => { status: number; body: unknown }
> = {
	/** `{url?: string|null, signKey?: string}` → the settings now in force. */
	'POST /__sandbox/qa/callback': (state, body) => {
		if (!isObject(body)) return { status: 400, body: { error: 'Body must be a JSON object' } };
		try {
			return {
				status: 200,
				body: configureQa(state, {
					callbackUrl: body.url as string | null | undefined,
					signKey: typeof body.signKey === 'string' ? body.signKey : undefined,
				}),
			};
		} catch (error) {
			return { status: 400, body: { error: (error as Error).message } };
		}
	},
	'GET /__sandbox/qa/tasks': (state) => ({
		status: 200,
		body: { tokensIssued: qaState(state).tokensIssued, tasks: [...qaState(state).tasks.values()] },
	}),
};
