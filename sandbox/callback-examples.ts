import type { IDataObject } from 'n8n-workflow';

import {
	CHATBOT_EVENTS as CHATBOT_CATALOGUE,
	VOICE_EVENTS as VOICE_CATALOGUE,
	type AirudderEvent,
} from '../nodes/Airudder/trigger/events';

/**
 * The reference's example bodies of the documented callbacks (shared/airudder-api/*.openapi.yaml),
 * keyed by the trigger's event key (nodes/Airudder/trigger/events.ts). Dev and test only: the
 * sandbox fires them and the tests post them; the published package (dist/) does not carry them.
 */
export interface CallbackExample {
	/**
	 * `doc`: the doc page's own example; `illustrative`: the reference built it from the field list;
	 * `client fixture`: a third-party client's own test payload, copied by the reference (QA report).
	 */
	readonly source: 'doc' | 'illustrative' | 'client fixture';
	readonly body: IDataObject;
}

export const CALLBACK_EXAMPLES: Readonly<Record<string, CallbackExample>> = {
	// qa.openapi.yaml webhooks.qaRecordingReport example: the production client's test fixture, copied
	// verbatim; Sign = md5 hex of 'task_123' + 'airudder'.
	qaRecordingReport: {
		source: 'client fixture',
		body: {
			TaskID: 'task_123',
			Sign: '179e25e1269ee7b2884d474d3af4e141',
			QADetail: [
				{
					Recordingid: '12336',
					Size: '3.3',
					Length: '83',
					Words: '128',
					AsrResults: [
						{ Channel: '1', Begin: '1000', End: '20300', Sentence: 'Selamat pagi', Words: '2' },
						{
							Channel: '2',
							Begin: '23000',
							End: '30000',
							Sentence: 'Selamat malam Negative',
							Words: '3',
						},
						{ Channel: '1', Begin: '30020', End: '40300', Sentence: 'Selamat siang', Words: '2' },
					],
					CheckPoint: [
						{
							CheckPointType: 'SOP',
							CheckPointResultsDetail: [
								{
									CheckPointVal: 'Greeting',
									Channel: '1',
									Begin: '1000',
									End: '20300',
									Sentence: 'Selamat pagi',
								},
								{
									CheckPointVal: 'Greeting',
									Channel: '1',
									Begin: '30020',
									End: '40300',
									Sentence: 'Selamat siang',
								},
							],
						},
						{
							CheckPointType: 'Negative',
							CheckPointResultsDetail: [
								{
									CheckPointVal: 'True',
									Channel: '2',
									Begin: '23000',
									End: '30000',
									Sentence: 'Selamat malam Negative',
								},
							],
						},
						{
							CheckPointType: 'Repeat',
							CheckPointResultsDetail: [
								{
									CheckPointVal: '2',
									Channel: '2',
									Begin: '23000',
									End: '30000',
									Sentence: 'Selamat malam Negative',
								},
							],
						},
						{
							CheckPointType: 'VoiceMail',
							CheckPointResultsDetail: [
								{ CheckPointVal: 'True', Channel: '', Begin: '', End: '', Sentence: '' },
							],
						},
					],
					Scores: [
						{ CheckPointType: 'Negative', Channel: '1', Score: '1/4' },
						{ CheckPointType: 'SOP', Channel: '1', Score: '0/2' },
						{ CheckPointType: 'Negative', Channel: '2', Score: '0/4' },
						{ CheckPointType: 'SOP', Channel: '2', Score: '1/1' },
					],
				},
			],
		},
	},
	workflowPdsTaskStatusChanged: {
		source: 'illustrative',
		body: {
			type: 'TaskStatus',
			body: {
				taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
				taskName: 'pds_task_0501',
				callid: 'a3f5c12ac59xxxxxxxxad71fe6a8ea3e',
				state: 'Finished',
			},
		},
	},
	workflowPdsContactStatusChanged: {
		source: 'illustrative',
		body: {
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
	workflowPdsAgentStatusChanged: {
		source: 'illustrative',
		body: {
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
	workflowCustomApiNodePush: {
		source: 'illustrative',
		body: {
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
	workflowListCompleted: {
		source: 'illustrative',
		body: {
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
	workflowStatusChanged: {
		source: 'illustrative',
		body: {
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
	workflowWabaMessageStatusChanged: {
		source: 'doc',
		body: {
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
	workflowChatbotSessionEnded: {
		source: 'doc',
		body: {
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
	chatbotChannelMessageSentEvent: {
		source: 'doc',
		body: {
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
};

/** A fresh copy of the example body of event `key` (undefined when the reference has none). */
export function exampleOf(key: string): IDataObject | undefined {
	const example = CALLBACK_EXAMPLES[key];
	return example ? structuredClone(example.body) : undefined;
}

/** A catalogue entry with the reference's example body beside it (for the sandbox and the tests). */
export interface EventWithExample extends AirudderEvent {
	readonly example?: IDataObject;
	readonly exampleSource?: CallbackExample['source'];
}

const withExamples = (events: readonly AirudderEvent[]): readonly EventWithExample[] =>
	events.map((event) => {
		const example = CALLBACK_EXAMPLES[event.key];
		return example ? { ...event, example: example.body, exampleSource: example.source } : event;
	});

/** The trigger's voice catalogue with the examples attached. */
export const VOICE_EVENTS = withExamples(VOICE_CATALOGUE);
/** The chatbot trigger's catalogue with the examples attached. */
export const CHATBOT_EVENTS = withExamples(CHATBOT_CATALOGUE);
