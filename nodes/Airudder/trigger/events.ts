import {
	CHATBOT_SESSION_END,
	CUSTOM_API_PUSH,
	LIST_COMPLETED,
	PDS_AGENT,
	PDS_CONTACT,
	PDS_TASK,
	QA_REPORT,
	WABA_MESSAGE_STATUS,
	WORKFLOW_STATUS,
	type PayloadShape,
	UNDOCUMENTED,
} from './shapes';

export type { PayloadShape };

/**
 * Catalogue of the callbacks AIRudder POSTs to a URL the integrator gives it: one entry per
 * callback AIRudder's API docs describe (https://api-docs-v2.airudder.com/apidoc/docs-site/1780479).
 * The voice groups (core collection, telemarketing and info check, workflow, leads and inbound) and
 * the QA report (speech analytics; checked by verifyQaSign.ts and shaped by qaReport.ts) feed the
 * AIRudder Trigger, the chatbot docs the AIRudder Chatbot Trigger.
 *
 * Only callbacks whose payload AIRudder documents have a {@link PayloadShape}; all others arrive as
 * `unknown` and are passed on unchanged (their shape is not known, so nothing is guessed).
 */

export interface AirudderEvent {
	/** The `webhooks` key in the reference file; emitted as `_event`. */
	readonly key: string;
	readonly displayName: string;
	/** Business line / doc section. */
	readonly group: string;
	/** The API group of AIRudder's docs the callback belongs to. */
	readonly file: string;
	/** Best doc page known (`x-doc-url`, or the candidate page the reference names); none for unread chatbot pages. */
	readonly docUrl?: string;
	/**
	 * Where the facts come from when AIRudder publishes no doc page for the callback (then
	 * `docUrl` is absent): the third-party client the reference was read from.
	 */
	readonly source?: string;
	readonly description: string;
	/**
	 * How to recognise the payload; `undefined` when the payload is undocumented. Events with the SAME
	 * meaning in several files share one shape object (same recognition).
	 */
	readonly shape?: PayloadShape;
}

/** `_event` of the QA (speech analytics) report callback; see {@link QA_REPORT}. */
export const QA_REPORT_EVENT = 'qaRecordingReport';

/** `_event` of a callback no documented shape matches. */
export const UNKNOWN_EVENT = 'unknown';

const APIFOX = 'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64';
const DOCS_V2 = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479';
/** The WorkFlow_LeadsGeneration pages were not readable; the reference names this stored page as candidate. */
const LEADS_DOC = `${DOCS_V2}/api-78060933`;
/** Inbound Callback pages: navigation only; the reference names this stored page as first candidate. */
const INBOUND_DOC = `${DOCS_V2}/api-146717085`;

// ---- Voice / workflow callbacks (AIRudder Trigger) ----

const COLLECTION = 'core-collection';
const LINES = 'telemarketing-infocheck';
const WORKFLOW = 'workflow';
const LEADS = 'leads-inbound-encryption';

const lineEvents = (prefix: string, group: string, docUrl: string): AirudderEvent[] => [
	{
		key: `${prefix}WebhookOfTask`,
		displayName: `${group}: Task Finished`,
		group,
		file: LINES,
		docUrl,
		description: `Webhook of Task: a ${group} calling task finished. ${UNDOCUMENTED}`,
	},
	{
		key: `${prefix}WebhookOfCall`,
		displayName: `${group}: Call Finished`,
		group,
		file: LINES,
		docUrl,
		description: `Webhook of Call: dialling of one number is over. ${UNDOCUMENTED}`,
	},
	{
		key: `${prefix}WebhookOfPlan`,
		displayName: `${group}: Plan Finished`,
		group,
		file: LINES,
		docUrl,
		description: `Webhook of Plan: a calling plan ended. ${UNDOCUMENTED}`,
	},
];

/** Callbacks of the voice reference files, in file order. */
export const VOICE_EVENTS: readonly AirudderEvent[] = [
	{
		key: 'collectionTaskFinished',
		displayName: 'Collection: Task Finished',
		group: 'Collection',
		file: COLLECTION,
		docUrl: `${DOCS_V2}/api-53996773`,
		description: `Webhook of Task: a collection calling task finished. ${UNDOCUMENTED}`,
	},
	{
		key: 'collectionCallFinished',
		displayName: 'Collection: Call Finished',
		group: 'Collection',
		file: COLLECTION,
		docUrl: `${DOCS_V2}/api-53996773`,
		description: `Webhook of Call: dialling of one number is over. ${UNDOCUMENTED}`,
	},
	{
		key: 'collectionPlanFinished',
		displayName: 'Collection: Plan Finished',
		group: 'Collection',
		file: COLLECTION,
		docUrl: `${DOCS_V2}/api-53996797`,
		description: `Webhook of Plan: a calling plan ended. ${UNDOCUMENTED}`,
	},
	...lineEvents('telemarketing', 'Telemarketing & E-commerce', `${DOCS_V2}/api-130920469`),
	...lineEvents('infoCheck', 'Info Check', `${DOCS_V2}/api-130920469`),
	{
		key: 'workflowPdsTaskStatusChanged',
		displayName: 'Predictive Dialer: Task Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-50408764`,
		description:
			'A predictive dialer (PDS) task changed status (type TaskStatus). Sent to the Callback URL of a task (AIRudder Predictive Dialer → Task → Create); body.timestamp is epoch milliseconds, also given as body.timestampIso.',
		shape: PDS_TASK,
	},
	{
		key: 'workflowPdsContactStatusChanged',
		displayName: 'Predictive Dialer: Contact Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-50409091`,
		description:
			'A predictive dialer (PDS) contact changed status (type ContactStatus). Sent to the Callback URL of a task (AIRudder Predictive Dialer → Task → Create); body.timestamp is epoch milliseconds, also given as body.timestampIso.',
		shape: PDS_CONTACT,
	},
	{
		key: 'workflowPdsAgentStatusChanged',
		displayName: 'Predictive Dialer: Agent Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-50406436`,
		description:
			'A predictive dialer (PDS) agent changed status (type AgentStatus). Sent to the Callback URL of a task (AIRudder Predictive Dialer → Task → Create); body.timestamp is epoch milliseconds, also given as body.timestampIso.',
		shape: PDS_AGENT,
	},
	{
		key: 'workflowCallCompleted',
		displayName: 'Workflow: Call Completed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-45263573`,
		description: `A number of a workflow robot-call node is finished. ${UNDOCUMENTED}`,
	},
	{
		key: 'workflowCustomApiNodePush',
		displayName: 'Workflow: Custom API Node Data Push',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-154267240`,
		description:
			'A contact reached a Custom API node; the answer AIRudder expects is not documented',
		shape: CUSTOM_API_PUSH,
	},
	{
		key: 'workflowListCompleted',
		displayName: 'Workflow: List Completed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-154087917`,
		description: 'A contact finished the whole workflow (rows: the node tasks it went through)',
		shape: LIST_COMPLETED,
	},
	{
		key: 'workflowStatusChanged',
		displayName: 'Workflow: Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-178704796`,
		description: 'A workflow instance changed status (actions: one entry per node task)',
		shape: WORKFLOW_STATUS,
	},
	{
		key: 'workflowWabaMessageStatusChanged',
		displayName: 'Workflow: WABA Message Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: 'https://api-docs.airudder.com/apidoc/docs-site/1780479/api-285317014',
		description:
			'A WhatsApp template message of a workflow WABA node changed status (waitsend, delivery, read, replied, failed)',
		shape: WABA_MESSAGE_STATUS,
	},
	{
		key: 'workflowChatbotSessionEnded',
		displayName: 'Workflow: Chatbot Session Ended',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: 'https://api-docs.airudder.com/api-286285407',
		description:
			'A WhatsApp chatbot conversation started by a workflow WABA node ended (transcript included)',
		shape: CHATBOT_SESSION_END,
	},
	{
		key: 'leadsGenPdsTaskStatusChanged',
		displayName: 'Leads Generation: Dialer Task Status Changed',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description:
			'Leads Generation copy of the Workflow PDS task push; page unread, recognised like the Workflow one',
		shape: PDS_TASK,
	},
	{
		key: 'leadsGenPdsAgentStatusChanged',
		displayName: 'Leads Generation: Dialer Agent Status Changed',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description:
			'Leads Generation copy of the Workflow PDS agent push; page unread, recognised like the Workflow one',
		shape: PDS_AGENT,
	},
	{
		key: 'leadsGenPdsContactStatusChanged',
		displayName: 'Leads Generation: Dialer Contact Status Changed',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description:
			'Leads Generation copy of the Workflow PDS contact push; page unread, recognised like the Workflow one',
		shape: PDS_CONTACT,
	},
	{
		key: 'leadsGenCallEndStatus',
		displayName: 'Leads Generation: Call Ended',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description: `End status notification of one phone call. ${UNDOCUMENTED}`,
	},
	{
		key: 'leadsGenCustomApiDataPush',
		displayName: 'Leads Generation: Custom API Data Push',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description:
			'Custom API node push (fields of the Workflow page, as the reference lists them); recognised like the Workflow one',
		shape: CUSTOM_API_PUSH,
	},
	{
		key: 'leadsGenVerifyCustomApiDataPush',
		displayName: 'Leads Generation: Verify Custom API Data Push',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description: `Verification exchange of the custom API push (direction unconfirmed). ${UNDOCUMENTED}`,
	},
	{
		key: 'inboundTransferredToAgent',
		displayName: 'Inbound: Transferred to Agent',
		group: 'Inbound Callback',
		file: LEADS,
		docUrl: INBOUND_DOC,
		description: `An inbound caller was handed to a human agent. ${UNDOCUMENTED}`,
	},
	{
		key: 'inboundCallEnded',
		displayName: 'Inbound: Call Ended',
		group: 'Inbound Callback',
		file: LEADS,
		docUrl: INBOUND_DOC,
		description: `An inbound call ended. ${UNDOCUMENTED}`,
	},
	{
		key: QA_REPORT_EVENT,
		displayName: 'QA: Report Received',
		group: 'Quality Assurance',
		file: 'qa',
		source:
			"No AIRudder doc page: a lending company's production client (JULO juloserver, app collops_qa_automation, callback view QAAirudderRecordingReportCallback)",
		description:
			'AIRudder QA (speech analytics) posts the analysis of a started task: one item per recording (transcript per channel, checkpoints, scores). Refused with HTTP 400 unless Sign = md5 of TaskID + the QA Sign Key.',
		shape: QA_REPORT,
	},
];

export { CHATBOT_EVENTS } from './chatbotEvents';
