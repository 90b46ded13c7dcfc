import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../shared/operations';
import { TASK_RULES } from './validation';
import { accountTimeZoneProperty, TIME_FIELD_HINT } from '../../shared/timeZone';
import { versionedDefault } from '../../shared/versions';
import { CONTACT_FIELDS } from './contactFields';

/**
 * Task → Create's editor fields (the execute logic is in create.operation.ts).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */

/** Business lines and the `Type` value each one sends ('' = the user enters it). */
export const BUSINESS_LINES: Record<string, string> = {
	telemarketing: 'promotion',
	collection: '',
	infoCheck: '',
	custom: '',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Task Name',
		name: 'taskName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. reminders-2026-11-22',
		description:
			'Unique name of the calling task, at most 64 characters. Above 10,000 contacts the tasks get the suffixes "-1", "-2" and so on.',
	},
	{
		displayName: 'Robot',
		name: 'robotId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The voice robot that makes the calls',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRobots', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. e9f60ec4e5f1721c7992dc882767eb19',
			},
		],
	},
	{
		displayName: 'SIP Line',
		name: 'sipLine',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ID_PHONE_HK_LINE',
		description: 'Name of the SIP line AIRudder allocated to your account',
	},
	{
		displayName: 'Business Line',
		name: 'businessLine',
		type: 'options',
		default: 'telemarketing',
		description: "The kind of calling this task does; it sets the task's Type",
		options: [
			{
				name: 'Telemarketing & E-Commerce',
				value: 'telemarketing',
				description: 'Sends Type "promotion"',
			},
			{
				name: 'Collection',
				value: 'collection',
				description: 'Debt collection; enter the Type value of your account',
			},
			{
				name: 'Info Check',
				value: 'infoCheck',
				description: 'Information check; enter the Type value of your account',
			},
			{ name: 'Custom Type', value: 'custom', description: 'Any other Type value' },
		],
	},
	{
		displayName: 'Type',
		name: 'taskType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. normal',
		description:
			'The Type value for this business line. The docs publish only "promotion" (telemarketing); their encryption example uses "normal". Ask AIRudder for your account\'s value.',
		displayOptions: { show: { businessLine: ['collection', 'infoCheck', 'custom'] } },
	},
	{
		displayName: 'Start Immediately',
		name: 'startImmediately',
		type: 'boolean',
		default: true,
		description: 'Whether the task starts now (AIRudder sets the schedule) or in the window below',
	},
	{
		displayName:
			'AIRudder starts calling every contact as soon as this node runs: real phone calls. Turn off Start Immediately to set a calling window instead.',
		name: 'startImmediatelyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { startImmediately: [true] } },
	},
	{
		displayName: 'Schedule Start Time',
		name: 'scheduleStartTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When calling starts; within the next 5 days',
		hint: TIME_FIELD_HINT,
		displayOptions: { show: { startImmediately: [false] } },
	},
	{
		displayName: 'Schedule End Time',
		name: 'scheduleEndTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When calling stops; at least 30 minutes after the start and within the next 5 days',
		hint: TIME_FIELD_HINT,
		displayOptions: { show: { startImmediately: [false] } },
	},
	{ ...accountTimeZoneProperty, displayOptions: { show: { startImmediately: [false] } } },
	{
		displayName: 'Invalid Contacts',
		name: 'perform',
		type: 'options',
		default: 1,
		options: [
			{
				name: 'Skip and Report Them',
				value: 1,
				description:
					"Create the tasks with the valid contacts; report each invalid one (the node's check or AIRudder's) on its item. Sends Perform 1.",
			},
			{
				name: 'Only Check, Create Nothing',
				value: 2,
				description:
					'Check every contact (the node, then AIRudder) and report the invalid ones. Sends Perform 2.',
			},
			{
				name: 'All or Nothing',
				value: 3,
				description:
					'Create tasks only if every contact of every batch is valid; otherwise create nothing and name the invalid items. Sends Perform 3.',
			},
		],
		description:
			'What happens with invalid contacts, found by the node or by AIRudder. Every contact gets its own output item.',
	},
	{
		displayName: 'Redial Attempts',
		name: 'repeatNumber',
		type: 'number',
		typeOptions: { minValue: TASK_RULES.repeatNumber.min, maxValue: TASK_RULES.repeatNumber.max },
		default: 0,
		description: 'How often an unanswered number is dialled again (0–15; 0 disables redial)',
	},
	{
		displayName: 'Redial Interval (Minutes)',
		name: 'repeatInterval',
		type: 'number',
		typeOptions: {
			minValue: TASK_RULES.repeatInterval.min,
			maxValue: TASK_RULES.repeatInterval.max,
		},
		default: 10,
		description: 'Minutes between redials (0–30); ignored when Redial Attempts is 0',
	},
	{
		displayName: 'Each input item is one contact. The fields below are read per item.',
		name: 'contactsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		required: true,
		default: '={{ $json.Mobile }}',
		placeholder: 'e.g. +6212341234',
		description:
			"Callee's number: '+', country code, number. Spaces, hyphens, dots and parentheses are removed.",
	},
	// version 1.1: typed once instead of read from the input item (an AI agent's tool call has no
	// Platform field, so the version-1 default left it empty)
	...versionedDefault(
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. MyLendingApp',
			description:
				'Name of your lending/selling platform, at most 20 characters. Usually the same for every contact: type it once, or map a field of the input items with an expression.',
		},
		'={{ $json.Platform }}',
		'',
	),
	{
		displayName: 'Customer',
		name: 'customer',
		type: 'string',
		default: '={{ $json.Customer }}',
		description: "Callee's name, at most 64 characters",
	},
	{
		displayName: 'Comments',
		name: 'comments',
		type: 'string',
		default: '={{ $json.Comments }}',
		description: 'Free remark, at most 64 characters; AIRudder echoes it in per-contact errors',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'string',
		default: '={{ $json.Gender }}',
		placeholder: 'male or female',
		description: 'Callee gender: "male", "female" or empty',
	},
	{
		displayName: 'Documented Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "Contact fields AIRudder's docs name (extra variables, collection details)",
		options: CONTACT_FIELDS,
	},
	{
		displayName: 'Custom Contact Fields (Name and Value)',
		name: 'additionalContactFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact Field',
		default: {},
		description:
			"Other fields your robot expects, sent as they are in each contact (AIRudder's field name and value)",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. LoanNumber',
						description: 'The field name, exactly as your robot expects it',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.loanNumber }}',
						description: "The field's value for this contact",
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Robot Method',
				name: 'robotMethod',
				type: 'options',
				default: 'single',
				description: 'How AIRudder picks the robot that dials (RobotMethod)',
				options: [
					{ name: 'Single', value: 'single', description: 'Dial with the chosen robot' },
					{
						name: 'Group',
						value: 'group',
						description: 'Dial with a group of the robots available to you',
					},
				],
			},
			{
				displayName: 'Create Asynchronously',
				name: 'asyncCreate',
				type: 'boolean',
				default: false,
				description: 'Whether AIRudder creates the task in the background (AsyncCreate)',
			},
			{
				displayName: 'Apply Do-Not-Call List',
				name: 'dncSwitch',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip numbers in the Do-Not-Call pool (ask AIRudder to enable it first)',
			},
			{
				displayName: 'API Path',
				name: 'apiPath',
				type: 'options',
				default: 'v2',
				description:
					'The create-task endpoint to call. Keep the documented one unless AIRudder tells you otherwise.',
				options: [
					{ name: 'Documented (V2)', value: 'v2', description: 'POST /service/cloud/v2/task' },
					{ name: 'Older (V1)', value: 'v1', description: 'POST /service/cloud/task' },
				],
			},
		],
	},
];

export const description = forOperation('task', 'create', properties);
