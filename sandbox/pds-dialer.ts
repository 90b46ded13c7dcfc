import { fireCallback } from './callbacks';
import { PDS_GROUPS, pdsRecordingLink, type PdsCall, type PdsTask } from './pds';
import { sleep, type SandboxState } from './state';

/**
 * How a sandbox PDS task progresses (ILLUSTRATIVE: the reference shows the callbacks, not the
 * dialler's pace). The task waits for its start time, then "dials" every pending contact in
 * order: a number ending in 0 does not answer (RINGING → HANGUP, hangupReason 3 Busy), any other is
 * answered and handed to an agent of the skill group (ANSWERED → AgentStatus TALKRESULT → HANGUP,
 * hangupReason 2 Normal). Without a callback URL the calls complete at once (time compressed to
 * nothing); with one, each callback is POSTed `callbackDelayMs` after the previous one:
 * TaskStatus Running, per contact ContactStatus CALLING … HANGUP (+ AgentStatus), TaskStatus Finished.
 * With `pdsCallMs` each call lasts that long, so the task stays `Running` (querytasklist `state`)
 * while its contacts are dialled. A task cancelled through the sandbox (`cancelPdsTask`) stops
 * dialling and stays `Cancelled`.
 * Envelope `{type, body}` with epoch-ms `timestamp`; `state` lower-case in TaskStatus/ContactStatus,
 * `State` capitalised in AgentStatus; `recLink` (camel case) in callbacks.
 */

/** Call-record time: ISO 8601 UTC without fractional seconds (`%Y-%m-%dT%H:%M:%SZ`). */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const EVENTS: Record<string, string> = {
	TaskStatus: 'workflowPdsTaskStatusChanged',
	ContactStatus: 'workflowPdsContactStatusChanged',
	AgentStatus: 'workflowPdsAgentStatusChanged',
};

async function push(
	state: SandboxState,
	task: PdsTask,
	type: 'TaskStatus' | 'ContactStatus' | 'AgentStatus',
	body: Record<string, unknown>,
): Promise<void> {
	if (!task.callbackUrl || state.closed) return;
	await sleep(state, state.opts.callbackDelayMs);
	const envelope = {
		type,
		body: {
			taskId: task.taskId,
			taskName: task.name,
			groupName: task.groupName,
			timestamp: Date.now(),
			...body,
		},
	};
	let status = 0;
	try {
		status = (await fireCallback(task.callbackUrl, EVENTS[type], envelope)).status;
	} catch (error) {
		state.opts.log(
			`PDS callback ${type} to ${task.callbackUrl} failed: ${(error as Error).message}`,
		);
	}
	task.callbacks.push({ type, status });
}

/** The common callback fields of one call. */
function callFields(call: PdsCall): Record<string, unknown> {
	return {
		callid: call.callid,
		phoneNumber: call.phoneNumber,
		mainNumber: call.phoneNumber,
		phoneTag: 'phonenumber',
		customerInfo: call.contact,
		nthCall: 1,
	};
}

async function dial(
	state: SandboxState,
	task: PdsTask,
	call: PdsCall,
	agent: string,
): Promise<void> {
	const started = Date.now();
	call.calltime = iso(started);
	call.ringtime = iso(started);
	await push(state, task, 'ContactStatus', { ...callFields(call), state: 'CALLING' });
	if (state.opts.pdsCallMs > 0) await sleep(state, state.opts.pdsCallMs);
	if (!call.answered) {
		await push(state, task, 'ContactStatus', { ...callFields(call), state: 'RINGING' });
		call.hangupReason = 3;
	} else {
		call.agentName = agent;
		call.answertime = iso(started + 1000);
		call.talktime = iso(started + 1000);
		await push(state, task, 'ContactStatus', { ...callFields(call), state: 'ANSWERED' });
		await push(state, task, 'AgentStatus', {
			...callFields(call),
			State: 'TALKRESULT',
			agentName: agent,
			customizeResults: { Level1: 'RPC', Level2: 'RPC-PTP' },
			talkremarks: 'sandbox call',
			recLink: pdsRecordingLink(state, call),
		});
		call.hangupReason = 2;
	}
	call.endtime = iso(started + (call.answered ? 30_000 : 5_000));
	call.state = 'finished';
	await push(state, task, 'ContactStatus', {
		...callFields(call),
		state: 'HANGUP',
		hangupReason: call.hangupReason,
		...(call.answered ? { recLink: pdsRecordingLink(state, call) } : {}),
	});
}

/** Whether the task was cancelled (read anew: `cancelPdsTask` changes it while the task runs). */
const cancelled = (task: PdsTask) => task.state === 'Cancelled';

async function run(state: SandboxState, task: PdsTask, startMs: number): Promise<void> {
	const wait = startMs - state.opts.now().getTime();
	if (wait > 0) await sleep(state, wait);
	if (state.closed || cancelled(task)) return;
	task.state = 'Running';
	await push(state, task, 'TaskStatus', { state: 'Running' });
	const agents = PDS_GROUPS[task.groupName] ?? ['agent01'];
	let turn = 0;
	for (const call of task.calls) {
		if (state.closed || cancelled(task)) return;
		// a cancelled contact is skipped (it may be cancelled while earlier ones are dialled)
		if (call.state !== 'pending') continue;
		await dial(state, task, call, agents[turn++ % agents.length]);
	}
	if (cancelled(task)) return;
	task.state = 'Finished';
	await push(state, task, 'TaskStatus', { state: 'Finished' });
}

/**
 * Starts a task's progression in the background. A task without a callback URL whose start is due
 * completes within the same turn of the event loop (microtasks only), i.e. before the sandbox
 * serves its next request. Never throws (failures are logged).
 */
export function runPdsTask(state: SandboxState, task: PdsTask, startMs: number): void {
	run(state, task, startMs).catch((error: Error) =>
		state.opts.log(`PDS task ${task.taskId} failed: ${error.stack ?? error.message}`),
	);
}
