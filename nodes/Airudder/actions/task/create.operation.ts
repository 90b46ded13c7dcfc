import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	assignDetailErrors,
	chunk,
	compact,
	pairsToObject,
	type DetailError,
} from '../../helpers/contacts';
import { formatAirudderTime, parseDateTime } from '../../helpers/time';
import {
	contactProblem,
	TASK_RULES,
	taskProblem,
	type TaskSettings,
} from '../../helpers/validation';
import { airudderApiRequest, isAmbiguousFailure } from '../../transport';
import { ENDPOINTS } from '../../transport/endpoints';
import { asNodeError, forOperation, itemParameterReader, perItemParameter } from '../common';
import { accountTimeZone, accountTimeZoneProperty } from '../timeZone';

/**
 * Task → Create: "Create a Calling Task", `POST /service/cloud/v2/task` (or the older
 * `/service/cloud/task`). Every input item is one contact (callee); all contacts of an execution
 * go into ONE request, split into several tasks only above 10,000 contacts.
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773 (body from seed 002)
 */

/** Business lines and the `Type` value each one sends ('' = the user enters it). */
const BUSINESS_LINES: Record<string, string> = {
	telemarketing: 'promotion',
	collection: '',
	infoCheck: '',
	custom: '',
};

/** Contact fields known from the docs, by AIRudder name: shown in "Contact Fields". */
const CONTACT_FIELDS: INodeProperties[] = [
	{
		displayName: 'Robot ID (This Contact)',
		name: 'RobotID',
		type: 'string',
		default: '',
		description: "Robot for this contact only (a 'single' mode robot); overrides the task's robot",
	},
	{
		displayName: 'Extra A',
		name: 'ExtraA',
		type: 'string',
		default: '',
		description: 'Robot-specific variable agreed with AIRudder',
	},
	{
		displayName: 'Extra B',
		name: 'ExtraB',
		type: 'string',
		default: '',
		description: 'Robot-specific variable agreed with AIRudder',
	},
	{
		displayName: 'Extra C',
		name: 'ExtraC',
		type: 'string',
		default: '',
		description: 'Robot-specific variable agreed with AIRudder',
	},
	{
		displayName: 'Debtor (Collection)',
		name: 'Debtor',
		type: 'string',
		default: '',
		description: "Debtor's name, as in the docs' collection example",
	},
	{
		displayName: 'Loan Date (Collection)',
		name: 'LoanDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2019-06-01',
		description: "Sent as LoanDate, a date written as in the docs' collection example",
	},
	{
		displayName: 'Due Date (Collection)',
		name: 'DueDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2019-06-10',
		description: "Sent as DueDate, a date written as in the docs' collection example",
	},
	{
		displayName: 'Arrears (Collection)',
		name: 'Arrears',
		type: 'number',
		default: 0,
		description: "Sent as Arrears, a number (the docs' collection example: 100)",
	},
	{
		displayName: 'Loan Amount (Collection)',
		name: 'LoanAmount',
		type: 'number',
		default: 0,
		description: "Sent as LoanAmount, a number (the docs' collection example: 105)",
	},
	{
		displayName: 'Unit (Collection)',
		name: 'Unit',
		type: 'string',
		default: '',
		placeholder: 'e.g. Dollar',
		description: 'Currency unit of the amounts',
	},
	{
		displayName: 'Borrower Name (Collection)',
		name: 'borrower_name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Budi Santoso',
		description: "Sent as borrower_name, as in the docs' collection example",
	},
	{
		displayName: 'Borrower Mobile (Collection)',
		name: 'borrower_mobile',
		type: 'string',
		default: '',
		placeholder: 'e.g. +6212341234',
		description: "Sent as borrower_mobile, as in the docs' collection example",
	},
	{
		displayName: 'Borrowed Date (Collection)',
		name: 'borrowed_date',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2019-01-01',
		description: "Sent as borrowed_date, a date written as in the docs' collection example",
	},
];

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
		displayName: 'Schedule Start Time',
		name: 'scheduleStartTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When calling starts; within the next 5 days',
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
				name: 'Skip and Report Them (Perform 1)',
				value: 1,
				description: 'Create the task with the valid contacts; report the others',
			},
			{
				name: 'Only Check, Create Nothing (Perform 2)',
				value: 2,
				description: 'Validate the list and report invalid contacts',
			},
			{
				name: 'All or Nothing (Perform 3)',
				value: 3,
				description: 'Create the task only if every contact is valid',
			},
		],
		description: 'What AIRudder does with contacts it finds invalid',
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
		description: "Callee's number: '+', country code, number",
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		required: true,
		default: '={{ $json.Platform }}',
		description: 'Name of your lending/selling platform, at most 20 characters',
	},
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
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: CONTACT_FIELDS,
	},
	{
		displayName: 'Additional Contact Fields',
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

interface PreparedContact {
	itemIndex: number;
	contact: IDataObject;
}

/** The per-item parameters mapped to the contact's documented fields. */
const MAPPED_FIELDS = ['customer', 'mobile', 'platform', 'comments', 'gender'] as const;
type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * The reader of one contact (callee) per input item: the mapped fields (Customer, Mobile, Platform,
 * Comments, Gender), Contact Fields and Additional Contact Fields, empty values dropped.
 */
function contactReader(
	this: IExecuteFunctions,
): (item: INodeExecutionData, itemIndex: number) => IDataObject {
	const contactFields = perItemParameter.call(this, 'contactFields', {});
	const additionalFields = perItemParameter.call(this, 'additionalContactFields.field', []);
	const mapped = Object.fromEntries(
		MAPPED_FIELDS.map((name) => [name, itemParameterReader.call(this, name)]),
	);
	return (item, itemIndex) => {
		const text = (name: MappedField) => {
			const value = mapped[name](item, itemIndex);
			return value === undefined || value === null ? undefined : String(value);
		};
		const fields = contactFields(itemIndex) as IDataObject;
		const extra = additionalFields(itemIndex) as Array<{ name?: string; value?: unknown }>;
		return compact({
			Customer: text('customer'),
			Mobile: text('mobile')?.replace(/[\s-]/g, ''),
			Platform: text('platform'),
			Comments: text('comments'),
			Gender: text('gender')?.toLowerCase(),
			...fields,
			...pairsToObject(extra),
		});
	};
}

function readTaskSettings(this: IExecuteFunctions): { task: TaskSettings; timeZone: string } {
	const businessLine = this.getNodeParameter('businessLine', 0) as string;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const startImmediately = this.getNodeParameter('startImmediately', 0) as boolean;
	const timeZone = startImmediately ? this.getTimezone() : accountTimeZone.call(this);
	const task: TaskSettings = {
		TaskName: String(this.getNodeParameter('taskName', 0)).trim(),
		RobotID: String(this.getNodeParameter('robotId', 0, '', { extractValue: true })).trim(),
		SIPLine: String(this.getNodeParameter('sipLine', 0)).trim(),
		Type: BUSINESS_LINES[businessLine] || String(this.getNodeParameter('taskType', 0, '')).trim(),
		Perform: Number(this.getNodeParameter('perform', 0)),
		RepeatNumber: Number(this.getNodeParameter('repeatNumber', 0)),
		RepeatInterval: Number(this.getNodeParameter('repeatInterval', 0)),
		StartImmediately: startImmediately,
		...compact({
			RobotMethod: options.robotMethod,
			AsyncCreate: options.asyncCreate,
			DncSwitch: options.dncSwitch,
		}),
	};
	if (!startImmediately) {
		for (const [param, field] of [
			['scheduleStartTime', 'ScheduleStartTime'],
			['scheduleEndTime', 'ScheduleEndTime'],
		] as const) {
			const raw = String(this.getNodeParameter(param, 0, '') ?? '');
			const instant = raw ? parseDateTime(raw, this.getTimezone()) : undefined;
			if (raw && !instant) {
				throw new NodeOperationError(
					this.getNode(),
					`Item 0: ${field} "${raw}" is not a date and time`,
					{ itemIndex: 0 },
				);
			}
			if (instant) task[field] = formatAirudderTime(instant, timeZone);
		}
	}
	return { task, timeZone };
}

/** One output item per contact: the TaskID and, when AIRudder rejected it, why. */
function contactResults(
	batch: PreparedContact[],
	taskName: string,
	data: IDataObject,
): INodeExecutionData[] {
	const { byIndex, unmatched } = assignDetailErrors(
		data.detail_error_list as DetailError[] | undefined,
		batch.length,
	);
	const results: INodeExecutionData[] = batch.map(({ itemIndex, contact }, position) => {
		const errors = byIndex.get(position);
		return {
			json: {
				TaskID: data.TaskID,
				TaskName: taskName,
				Mobile: contact.Mobile,
				rejected: errors !== undefined,
				...(errors ? { rejection: errors.length === 1 ? errors[0] : errors } : {}),
			} as IDataObject,
			pairedItem: { item: itemIndex },
		};
	});
	for (const error of unmatched) {
		results.push({
			json: {
				TaskID: data.TaskID,
				TaskName: taskName,
				rejected: true,
				rejection: error,
			} as IDataObject,
			pairedItem: batch.map(({ itemIndex }) => ({ item: itemIndex })),
		});
	}
	return results;
}

/**
 * The error for a create request that got no clear answer: the task may exist. The node never
 * retries a create (that could dial the list twice); the user is told what to check instead.
 */
function ambiguousCreateError(
	this: IExecuteFunctions,
	taskName: string,
	cause: Error,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(this.getNode(), { message: cause.message } as JsonObject, {
		message: `Creating task "${taskName}" got no clear answer from AIRudder (${cause.message}); the task may or may not exist`,
		description: `The node does not retry task creation, so it never creates a task twice. Before running again, look for the Task Name "${taskName}" with Task → Get Many.`,
		itemIndex,
	});
}

/**
 * Validates every contact and the task settings before any request, then sends one create
 * request per 10,000 contacts. Writes are never retried (a retry could create a duplicate task).
 *
 * @returns one item per input item: `{ TaskID, TaskName, Mobile, rejected, rejection? }`, plus one
 *   item per `detail_error_list` entry that names no contact of the request.
 * @throws NodeOperationError naming the item index and AIRudder field on bad input (nothing is
 *   sent then); NodeApiError when AIRudder refuses the request.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { task, timeZone } = readTaskSettings.call(this);
	const readContact = contactReader.call(this);
	const contacts: PreparedContact[] = items.map((item, itemIndex) => ({
		itemIndex,
		contact: readContact(item, itemIndex),
	}));
	const batches = chunk(contacts, TASK_RULES.maxContactsPerTask);
	const names =
		batches.length === 1 ? [task.TaskName] : batches.map((_, i) => `${task.TaskName}-${i + 1}`);

	const problem = names
		.map((TaskName) => taskProblem({ ...task, TaskName }, timeZone, new Date()))
		.find(Boolean);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `Item 0: ${problem.message}`, {
			itemIndex: 0,
			description: `AIRudder field: ${problem.field}`,
		});
	}
	for (const { itemIndex, contact } of contacts) {
		const bad = contactProblem(contact);
		if (bad) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${bad.message}`, {
				itemIndex,
				description: `AIRudder field: Details[].${bad.field}`,
			});
		}
	}

	const apiPath =
		(this.getNodeParameter('options.apiPath', 0, 'v2') as string) === 'v1'
			? ENDPOINTS.createTaskV1
			: ENDPOINTS.createTask;
	const output: INodeExecutionData[] = [];
	for (const [i, batch] of batches.entries()) {
		try {
			const response = await airudderApiRequest.call(this, apiPath, {
				body: { ...task, TaskName: names[i], Details: batch.map(({ contact }) => contact) },
				itemIndex: batch[0].itemIndex,
			});
			output.push(...contactResults(batch, names[i], (response.data ?? {}) as IDataObject));
		} catch (caught) {
			const error = isAmbiguousFailure(caught)
				? ambiguousCreateError.call(this, names[i], caught as Error, batch[0].itemIndex)
				: asNodeError.call(this, caught, batch[0].itemIndex);
			if (!this.continueOnFail()) throw error;
			for (const { itemIndex } of batch) {
				output.push({
					json: { TaskName: names[i], error: (error as Error).message },
					pairedItem: { item: itemIndex },
				});
			}
		}
	}
	return output;
}
