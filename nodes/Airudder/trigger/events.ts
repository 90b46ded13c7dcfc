import type { IDataObject } from 'n8n-workflow';

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
	/** The reference's example body, if any. */
	readonly example?: IDataObject;
	/** `doc`: the doc page's own example; `illustrative`: the reference built it from the field list. */
	readonly exampleSource?: 'doc' | 'illustrative';
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
	basis: `required list (type, body) with type = ${type}; the schema comes from a third-party consumer, as the reference marks`,
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
		displayName: 'Workflow: Predictive Dialer Task Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-50408764`,
		description: 'A predictive dialer (PDS) task changed status (type TaskStatus)',
		shape: PDS_TASK,
		exampleSource: 'illustrative',
		example: {
			type: 'TaskStatus',
			body: {
				taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
				taskName: 'pds_task_0501',
				callid: 'a3f5c12ac59xxxxxxxxad71fe6a8ea3e',
				state: 'Finished',
			},
		},
	},
	{
		key: 'workflowPdsContactStatusChanged',
		displayName: 'Workflow: Predictive Dialer Contact Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-50409091`,
		description: 'A predictive dialer (PDS) contact changed status (type ContactStatus)',
		shape: PDS_CONTACT,
		exampleSource: 'illustrative',
		example: {
			type: 'ContactStatus',
			body: {
				taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
				taskName: 'pds_task_0501',
				callid: 'a3f5c12ac59xxxxxxxxad71fe6a8ea3e',
				state: 'HANGUP',
				phoneNumber: '+6281234567890',
				hangupReason: 2,
			},
		},
	},
	{
		key: 'workflowPdsAgentStatusChanged',
		displayName: 'Workflow: Predictive Dialer Agent Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-50406436`,
		description: 'A predictive dialer (PDS) agent changed status (type AgentStatus)',
		shape: PDS_AGENT,
		exampleSource: 'illustrative',
		example: {
			type: 'AgentStatus',
			body: {
				taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
				taskName: 'pds_task_0501',
				callid: 'a3f5c12ac59xxxxxxxxad71fe6a8ea3e',
				State: 'TALKRESULT',
				phoneNumber: '+6281234567890',
			},
		},
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
		exampleSource: 'illustrative',
		example: {
			workflow_id: '0ca6e3a59cf74630906683882aa5111a',
			workflow_name: 'collection_0501',
			node_id: 'api_node_1',
			node_name: 'Custom API',
			callee: {
				case_id: 'C20250501001',
				callee_name: 'Budi',
				callee_gender: 'male',
				callee_number: '+6281234567890',
				platform_name: 'AIRUDDER',
				extra_a: 'loan-123',
			},
		},
	},
	{
		key: 'workflowListCompleted',
		displayName: 'Workflow: List Completed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-154087917`,
		description: 'A contact finished the whole workflow (rows: the node tasks it went through)',
		shape: LIST_COMPLETED,
		exampleSource: 'illustrative',
		example: {
			case_id: 'test-caseid11',
			workflow_id: '4cb9db206ac0xxxxxxxxxx15e4e613d2',
			workflow_name: '0970_0415_1',
			callee_number: '+6289xxxxxxxx234',
			rows: [
				{
					nodetask_id: '8fb437c7c413xxxxxxxxxx35b09b5a3',
					nodetask_name: 'Robot call 1',
					node_type: '<node_type - values not documented>',
					task_id: 'c3b6b04cd7f8d2b182d3fd20eed3d144',
				},
			],
		},
	},
	{
		key: 'workflowStatusChanged',
		displayName: 'Workflow: Status Changed',
		group: 'Workflow',
		file: WORKFLOW,
		docUrl: `${APIFOX}/api-178704796`,
		description: 'A workflow instance changed status (actions: one entry per node task)',
		shape: WORKFLOW_STATUS,
		exampleSource: 'illustrative',
		example: {
			workflow_id: '4cb9db206ac0xxxxxxxxxx15e4e613d2',
			workflow_name: '0970_0415_1',
			status: '<status - values not documented>',
			actions: [
				{
					nodetask_id: '8fb437c7c413xxxxxxxxxx35b09b5a3',
					nodetask_name: 'WABA Template1_232fe6',
					node_type: '<node_type - values not documented>',
					task_id: '602ff2fc65e5xxxxxxxxxx9b4ee9736e',
					task_status: '<task_status - values not documented>',
				},
			],
		},
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
		exampleSource: 'doc',
		example: {
			workflow_id: '4cb9db206ac0xxxxxxxxxx15e4e613d2',
			workflow_name: '0970_0415_1',
			nodetask_id: '8fb437c7c413xxxxxxxxxx35b09b5a3',
			nodetask_name: 'WABA Template1_232fe6',
			waba_task_id: '602ff2fc65e5xxxxxxxxxx9b4ee9736e',
			wfdetail_uuid: '4a786086d05a4xxxxxxxxxxfb8abb1de7',
			timestamp: 1744687206,
			status: 'delivery',
			msg_id: 'f4d594881abxxxxxxxxxx029e63f055',
			send_time: '2025-04-15T03:20:00Z',
			waba_template_name: 'send_card_for_sales_0331',
			waba_template_id: 288,
			channel_id: '6289xxxxx1234',
			callee: '+6289xxxxxxxx234',
			variables: {
				date: '2025-05-01',
				name: 'will Smith',
				project: 'Voicebot',
			},
		},
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
		exampleSource: 'doc',
		example: {
			workflow_id: '4cb9db206ac04xxxxxxxxa315e4e613d2',
			workflow_name: '0970_0415_1',
			nodetask_id: '8fb437c7cxxxxxxxx43b35b09b5a3',
			nodetask_name: 'WABA Template1_232fe6',
			waba_task_id: '602ff2fc65exxxxxxxxb89b4ee9736e',
			wfdetail_uuid: '4a786086d05xxxxxxxx9dfb8abb1de7',
			timestamp: 1744699269,
			channel: 'WhatsApp',
			channel_id: '6289xxxxxxxx9070',
			callee: '+6289xxxxxxxx89092',
			call_id: 'a3f5c12ac59xxxxxxxxad71fe6a8ea3e',
			robot_id: '4755',
			status: 'closed',
			session_start_time: '2025-04-15T06:41:00Z',
			session_end_time: '2025-04-15T06:41:09Z',
			session_end_reason: 'robot',
			intention: 'E',
			talk_round: 3,
			ner_slots: {
				test_echo: 'okhhhhh',
			},
			event_label: {
				EventLabel: '1',
			},
			variables: {
				date: '2025-05-01',
				name: 'xinxin.tao',
				project: 'voicebot',
			},
			messages: [
				{
					msg_id: '172016xxxxxxxx45344',
					sender_type: 'system',
					timestamp: 1720160207,
					status: 'delivery',
					content: {
						type: 'system',
						system: {
							type: 'conversation.start',
							from_seat_id: '',
							to_seat_id: '',
						},
					},
				},
				{
					msg_id: '05b1de1203xxxxxxxx64432e9a',
					sender_type: 'chatbot',
					timestamp: 1720159500,
					status: 'read',
					content: {
						type: 'template',
						template: {
							type: 'WhatsApp',
							content: {
								header: {
									type: 'image',
									media: {
										origin_url:
											'https://xxxxxxxx/wpimages/2020/02/france-in-pictuxxxxxxxxtograph-eiffel-tower.jpg',
									},
								},
								body: 'Hi, tom, we will hold a party from 2024-03-07, welcome to join us',
								footer: 'welcome',
								button: [
									{
										type: 'QUICK_REPLY',
										text: 'no',
									},
									{
										type: 'OPT_OUT',
										text: 'yes',
									},
								],
							},
							info: {
								id: 35,
								name: 'opt_out_02_27_english',
								language: 'en',
							},
						},
					},
				},
				{
					msg_id: '37c9704d4xxxxxxxx64982',
					sender_type: 'user',
					timestamp: 1720159548,
					status: 'read',
					content: {
						type: 'button',
						text: 'no',
					},
				},
			],
		},
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
		exampleSource: 'doc',
		example: {
			event: 'message.send',
			call_id: '6cf8c876eeefdca168ae7a08cb93fe20',
			company: 'test',
			channel: 'chatbot',
			channel_id: 'sicepat_whatsapp',
			user: {
				id: '123',
				name: 'nick',
			},
			messages: [
				{
					msg_id: 'c98a99f32afab85d709ba23820fccccb',
					sender_type: 'robot',
					timestamp: 1722223064,
					content: {
						type: 'text',
						text: 'hi',
					},
				},
				{
					msg_id: 'c98a99f32afab85d709ba23820fccccb',
					sender_type: 'robot',
					timestamp: 1722223064,
					content: {
						type: 'image',
						media: {
							origin_url: 'https://www.airudder.com/xxxx.jpg',
						},
					},
				},
				{
					msg_id: 'c98a99f32afab85d709ba23820fccccb',
					sender_type: 'robot',
					timestamp: 1722223064,
					content: {
						type: 'video',
						media: {
							origin_url: 'https://www.airudder.com/xxxx.mp4',
						},
					},
				},
				{
					msg_id: 'c98a99f32afab85d709ba23820fccccb',
					sender_type: 'robot',
					timestamp: 1722223064,
					content: {
						type: 'audio',
						media: {
							origin_url: 'https://www.airudder.com/xxx.wav',
						},
					},
				},
				{
					msg_id: 'c98a99f32afab85d709ba23820fccccb',
					sender_type: 'robot',
					timestamp: 1722223064,
					content: {
						type: 'file',
						media: {
							origin_url: 'https://www.airudder.com/xxxx.pdf',
							name: 'filename',
						},
					},
				},
				{
					msg_id: 'c98a99f32afab85d709ba23820fccccb',
					sender_type: 'robot',
					timestamp: 1722223064,
					content: {
						type: 'interactive',
						interactive: {
							type: 'list',
							body: {
								text: '请选择你要咨询的业务类(本次通过list展示)',
							},
							action: {
								button: '请选择',
								sections: [
									{
										title: '查询类',
										rows: [
											{
												id: '59a3d8ba24ec0d29334775623182facf-3-1-list-0-0-',
												title: '物流查询',
											},
											{
												id: '59a3d8ba24ec0d29334775623182facf-3-1-list-0-1-',
												title: '网点查询',
											},
										],
									},
								],
							},
						},
					},
				},
			],
		},
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
