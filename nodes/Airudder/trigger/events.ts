/**
 * Catalogue of the callbacks AIRudder POSTs to a URL the integrator gives it: one entry per
 * `webhooks` key of the reference files (/work/shared/airudder-api/*.openapi.yaml). The voice files
 * (core-collection, telemarketing-infocheck, workflow, leads-inbound-encryption) feed the AIRudder
 * Trigger, chatbot.openapi.yaml the AIRudder Chatbot Trigger.
 *
 * Only callbacks whose payload AIRudder documents have a {@link PayloadShape}; all others arrive as
 * `unknown` and are passed on unchanged (their shape is not known, so nothing is guessed).
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

export interface AirudderEvent {
	/** The `webhooks` key in the reference file; emitted as `_event`. */
	readonly key: string;
	readonly displayName: string;
	/** Business line / doc section. */
	readonly group: string;
	/** Reference file (without `.openapi.yaml`). */
	readonly file: string;
	/** Best doc page known (`x-doc-url`, or the candidate page the reference names); none for unread chatbot pages. */
	readonly docUrl?: string;
	readonly description: string;
	/**
	 * How to recognise the payload; `undefined` when the payload is undocumented. Events with the SAME
	 * meaning in several files share one shape object (same recognition).
	 */
	readonly shape?: PayloadShape;
}

/** `_event` of a callback no documented shape matches. */
export const UNKNOWN_EVENT = 'unknown';

const APIFOX = 'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64';
const DOCS_V2 = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479';
/** The WorkFlow_LeadsGeneration pages were not readable; the reference names this stored page as candidate. */
const LEADS_DOC = `${DOCS_V2}/api-78060933`;
/** Inbound Callback pages: navigation only; the reference names this stored page as first candidate. */
const INBOUND_DOC = `${DOCS_V2}/api-146717085`;

const UNDOCUMENTED = 'Payload not documented: arrives as unknown, passed on unchanged.';

// ---- Shapes (recognition). Required sets are the documented schemas' `required` lists. ----

const WABA_MESSAGE_STATUS: PayloadShape = {
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
	basis: 'required list of the documented schema (seed 001, read in full)',
};

const CHATBOT_SESSION_END: PayloadShape = {
	fields: ['workflow_id', 'waba_task_id', 'call_id', 'session_end_time'],
	basis:
		'the page has no field table: fields of its doc example that only this callback carries together (no required list documented)',
};

const CUSTOM_API_PUSH: PayloadShape = {
	fields: ['workflow_id', 'workflow_name', 'node_id', 'node_name', 'callee'],
	basis: 'required list of the documented schema (Workflow > Custom API Node Data Push)',
};

const LIST_COMPLETED: PayloadShape = {
	fields: ['workflow_id', 'workflow_name', 'case_id', 'callee_number', 'rows'],
	basis: 'required list of the documented schema',
};

const WORKFLOW_STATUS: PayloadShape = {
	fields: ['workflow_id', 'workflow_name', 'status', 'actions'],
	basis: 'required list of the documented schema',
};

const pdsShape = (type: string): PayloadShape => ({
	fields: ['type', 'body'],
	values: { type: [type] },
	basis: `required list (type, body) with type = ${type}: the PDS callback envelope of pds.openapi.yaml (PdsCallbackEnvelope, x-same-as these workflow.openapi.yaml entries); both come from a third-party consumer, as the references mark`,
});
const PDS_TASK = pdsShape('TaskStatus');
const PDS_CONTACT = pdsShape('ContactStatus');
const PDS_AGENT = pdsShape('AgentStatus');

const CHANNEL_MESSAGE_SENT: PayloadShape = {
	fields: ['event'],
	values: { event: ['message.send'] },
	basis: 'no required list (x-required-unknown): the event name of the doc example',
};

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
		displayName: 'Leads Generation: Predictive Dialer Task Status Changed',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description:
			'Leads Generation copy of the Workflow PDS task push; page unread, recognised like the Workflow one',
		shape: PDS_TASK,
	},
	{
		key: 'leadsGenPdsAgentStatusChanged',
		displayName: 'Leads Generation: Predictive Dialer Agent Status Changed',
		group: 'WorkFlow_LeadsGeneration',
		file: LEADS,
		docUrl: LEADS_DOC,
		description:
			'Leads Generation copy of the Workflow PDS agent push; page unread, recognised like the Workflow one',
		shape: PDS_AGENT,
	},
	{
		key: 'leadsGenPdsContactStatusChanged',
		displayName: 'Leads Generation: Predictive Dialer Contact Status Changed',
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
];

// ---- Chatbot callbacks (AIRudder Chatbot Trigger) ----

const CHATBOT = 'chatbot';

const chatbotEvent = (
	key: string,
	displayName: string,
	group: string,
	description: string,
): AirudderEvent => ({
	key,
	displayName,
	group,
	file: CHATBOT,
	description: `${description} ${UNDOCUMENTED}`,
});

/** Callbacks of chatbot.openapi.yaml, in file order. */
export const CHATBOT_EVENTS: readonly AirudderEvent[] = [
	{
		key: 'chatbotChannelMessageSentEvent',
		displayName: 'Message Sent by the Channel',
		group: 'Chatbot',
		file: CHATBOT,
		docUrl: 'https://api-docs.airudder.com/api-260826446',
		description: 'Event report message.send: messages the bot/channel sent in a conversation',
		shape: CHANNEL_MESSAGE_SENT,
	},
	chatbotEvent(
		'chatbotBotReplyMessage',
		'Bot: Reply Message',
		'Chatbot: bot',
		"The bot's reply messages.",
	),
	chatbotEvent(
		'chatbotBotTransferToAgentRequest',
		'Bot: Transfer to Agent Request',
		'Chatbot: bot',
		'The bot asks to hand over to an agent.',
	),
	chatbotEvent(
		'chatbotBotSessionEnded',
		'Bot: Session Ended',
		'Chatbot: bot',
		'The bot ended the conversation.',
	),
	chatbotEvent(
		'chatbotHuaweiBotReplyMessage',
		'Huawei: Bot Reply Message',
		'Chatbot: Huawei',
		"The bot's replies for the Huawei side.",
	),
	chatbotEvent(
		'chatbotHuaweiTransferToAgentRequest',
		'Huawei: Transfer to Agent Request',
		'Chatbot: Huawei',
		'Asks the Huawei side to transfer to an agent.',
	),
	chatbotEvent(
		'chatbotHuaweiEndSession',
		'Huawei: Session Ended',
		'Chatbot: Huawei',
		'The conversation ended (Huawei side).',
	),
	chatbotEvent(
		'chatbotTemplateSendResult',
		'Template Message Sending Result',
		'Chatbot',
		'Outcome of template sends.',
	),
	chatbotEvent(
		'chatbotSingleTemplateUserResponse',
		'Single Template Message: User Response',
		'Chatbot',
		"The recipient's response to a single template message.",
	),
	chatbotEvent(
		'chatbotAgentTransferRequest',
		'Agent Transfer Request',
		'Chatbot',
		'The bot requests a hand-over to a human agent.',
	),
	chatbotEvent(
		'chatbotAgentTransferRequestV2',
		'Agent Transfer Request (Starred Version)',
		'Chatbot',
		'Starred (newer) agent transfer request.',
	),
	chatbotEvent(
		'chatbotAgentMessageStatusChange',
		'Agent Message Status Changed',
		'Chatbot',
		'Delivery status of an agent message changed.',
	),
	chatbotEvent(
		'chatbotAgentMessageStatusChangeV2',
		'Agent Message Status Changed (Starred Version)',
		'Chatbot',
		'Starred (newer) agent message status callback.',
	),
	chatbotEvent(
		'chatbotUserMessageAfterTransfer',
		'User Message After Transfer',
		'Chatbot',
		'A message the user sent after the hand-over to an agent.',
	),
	chatbotEvent(
		'chatbotUserMessageAfterTransferV2',
		'User Message After Transfer (Starred Version)',
		'Chatbot',
		'Starred (newer) user-message-after-transfer callback.',
	),
	chatbotEvent('chatbotSessionEndEvent', 'Session End Event', 'Chatbot', 'A conversation ended.'),
	chatbotEvent(
		'chatbotSessionEndReport',
		'Report After Session Ends',
		'Chatbot',
		'Post-session report.',
	),
	chatbotEvent(
		'chatbotUserMessageEventReport',
		'Message Sent by the User',
		'Chatbot',
		'Event report of each message the end user sends.',
	),
	chatbotEvent(
		'chatbotChannelMessageStatusEventReport',
		'Channel Message Status Changed',
		'Chatbot',
		'Event report of delivery-status changes of channel messages.',
	),
];
