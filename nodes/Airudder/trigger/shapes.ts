/**
 * How the AIRudder triggers recognise the callbacks whose payload AIRudder documents: one
 * {@link PayloadShape} per documented payload, used by the catalogue in events.ts. Events with the
 * same meaning in several reference files share one shape object (same recognition).
 */

/** How a documented callback is recognised from its JSON body. */
export interface PayloadShape {
	/** Top-level fields the body must carry (see `basis` for where the set comes from). */
	readonly fields: readonly string[];
	/** Discriminator fields and their documented values, e.g. PDS `type: TaskStatus`. */
	readonly values?: Readonly<Record<string, readonly string[]>>;
	/** Where the field set comes from in the reference. */
	readonly basis: string;
}

// ---- Shapes (recognition). Required sets are the documented schemas' `required` lists. ----

export const WABA_MESSAGE_STATUS: PayloadShape = {
	fields: [
		'workflow_id',
		'workflow_name',
		'nodetask_id',
		'nodetask_name',
		'waba_task_id',
		'wfdetail_uuid',
		'timestamp',
		'status',
		'msg_id',
		'send_time',
		'waba_template_name',
		'waba_template_id',
		'channel_id',
		'callee',
		'variables',
	],
	basis: 'required list of the documented schema (the notification page, read in full)',
};

export const CHATBOT_SESSION_END: PayloadShape = {
	fields: ['workflow_id', 'waba_task_id', 'call_id', 'session_end_time'],
	basis:
		'the page has no field table: fields of its doc example that only this callback carries together (no required list documented)',
};

export const CUSTOM_API_PUSH: PayloadShape = {
	fields: ['workflow_id', 'workflow_name', 'node_id', 'node_name', 'callee'],
	basis: 'required list of the documented schema (Workflow > Custom API Node Data Push)',
};

export const LIST_COMPLETED: PayloadShape = {
	fields: ['workflow_id', 'workflow_name', 'case_id', 'callee_number', 'rows'],
	basis: 'required list of the documented schema',
};

export const WORKFLOW_STATUS: PayloadShape = {
	fields: ['workflow_id', 'workflow_name', 'status', 'actions'],
	basis: 'required list of the documented schema',
};

const pdsShape = (type: string): PayloadShape => ({
	fields: ['type', 'body'],
	values: { type: [type] },
	basis: `required list (type, body) with type = ${type}: the PDS callback envelope (the same as these workflow callbacks); both come from a third-party consumer, as the references mark`,
});
export const PDS_TASK = pdsShape('TaskStatus');
export const PDS_CONTACT = pdsShape('ContactStatus');
export const PDS_AGENT = pdsShape('AgentStatus');

export const CHANNEL_MESSAGE_SENT: PayloadShape = {
	fields: ['event'],
	values: { event: ['message.send'] },
	basis: 'no required list (x-required-unknown): the event name of the doc example',
};

/** Description suffix of the events whose payload AIRudder did not publish. */
export const UNDOCUMENTED = 'Payload not documented: arrives as unknown, passed on unchanged.';

export const QA_REPORT: PayloadShape = {
	fields: ['TaskID', 'Sign', 'QADetail'],
	basis:
		"required list of the QA callback body (QaCallback: TaskID, Sign, QADetail), read from a third-party production client's callback view; no AIRudder doc page",
};
