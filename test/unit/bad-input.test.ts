/**
 * Bad input, rule by rule, with the EXACT message the user sees:
 * - Task → Create: every rule of actions/voice/task/validation.ts (seed 002, "Create a Calling Task");
 * - Workflow → Create: the checks of actions/workflow/create.operation.ts, through the n8n-core
 *   harness against the sandbox (which must receive nothing);
 * - Chatbot Template Message → Send: every rule of chatbot/templateMessage/payload.ts (seed 000).
 * Each table also holds the accepted boundary next to the refused value.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isProblem,
	prepareReceiver,
	type TemplateReceiverInput,
} from '../../nodes/Airudder/actions/chatbot/templateMessage/payload';
import {
	contactProblem,
	taskProblem,
	type TaskSettings,
} from '../../nodes/Airudder/actions/voice/task/validation';
import { airudderWorkflow, startAirudder } from '../support/airudder';

const ZONE = 'Asia/Manila';
/** 2026-11-22 00:00:00 in Manila. */
const NOW = new Date('2026-11-22T00:00:00+08:00');

const task = (overrides: Partial<TaskSettings> = {}): TaskSettings => ({
	TaskName: 'reminders',
	RobotID: 'robot-1',
	SIPLine: 'LINE',
	Type: 'promotion',
	Perform: 1,
	RepeatNumber: 0,
	RepeatInterval: 10,
	StartImmediately: false,
	ScheduleStartTime: '2026-11-22 09:00:00',
	ScheduleEndTime: '2026-11-22 10:00:00',
	...overrides,
});

describe('Task → Create: every documented rule (actions/voice/task/validation.ts)', () => {
	const schedule = (start: string | undefined, end: string | undefined) => ({
		ScheduleStartTime: start,
		ScheduleEndTime: end,
	});
	it.each<[string, Partial<TaskSettings>, { field: string; message: string } | undefined]>([
		['TaskName empty', { TaskName: '' }, { field: 'TaskName', message: 'Task Name is required' }],
		[
			'TaskName 65 characters',
			{ TaskName: 'n'.repeat(65) },
			{ field: 'TaskName', message: 'Task Name is 65 characters long; at most 64 are allowed' },
		],
		[
			'TaskName 65 emoji (characters, not UTF-16 units)',
			{ TaskName: '📞'.repeat(65) },
			{ field: 'TaskName', message: 'Task Name is 65 characters long; at most 64 are allowed' },
		],
		['TaskName 64 characters', { TaskName: 'n'.repeat(64) }, undefined],
		['RobotID empty', { RobotID: '' }, { field: 'RobotID', message: 'Robot is required' }],
		['SIPLine empty', { SIPLine: '' }, { field: 'SIPLine', message: 'SIP Line is required' }],
		['Type empty', { Type: '' }, { field: 'Type', message: 'Type is required' }],
		[
			'Perform 0',
			{ Perform: 0 },
			{ field: 'Perform', message: 'Perform must be 1, 2 or 3 (got 0)' },
		],
		[
			'Perform 4',
			{ Perform: 4 },
			{ field: 'Perform', message: 'Perform must be 1, 2 or 3 (got 4)' },
		],
		['Perform 3', { Perform: 3 }, undefined],
		[
			'RobotMethod "all"',
			{ RobotMethod: 'all' },
			{ field: 'RobotMethod', message: 'Robot Method must be "single" or "group" (got "all")' },
		],
		['RobotMethod "group"', { RobotMethod: 'group' }, undefined],
		[
			'RepeatNumber -1',
			{ RepeatNumber: -1 },
			{
				field: 'RepeatNumber',
				message: 'RepeatNumber must be a whole number from 0 to 15 (got -1)',
			},
		],
		[
			'RepeatNumber 16',
			{ RepeatNumber: 16 },
			{
				field: 'RepeatNumber',
				message: 'RepeatNumber must be a whole number from 0 to 15 (got 16)',
			},
		],
		[
			'RepeatNumber 1.5',
			{ RepeatNumber: 1.5 },
			{
				field: 'RepeatNumber',
				message: 'RepeatNumber must be a whole number from 0 to 15 (got 1.5)',
			},
		],
		['RepeatNumber 15', { RepeatNumber: 15 }, undefined],
		[
			'RepeatInterval -1',
			{ RepeatInterval: -1 },
			{
				field: 'RepeatInterval',
				message: 'RepeatInterval must be a whole number from 0 to 30 (got -1)',
			},
		],
		[
			'RepeatInterval 31',
			{ RepeatInterval: 31 },
			{
				field: 'RepeatInterval',
				message: 'RepeatInterval must be a whole number from 0 to 30 (got 31)',
			},
		],
		[
			'RepeatInterval NaN',
			{ RepeatInterval: NaN },
			{
				field: 'RepeatInterval',
				message: 'RepeatInterval must be a whole number from 0 to 30 (got NaN)',
			},
		],
		['RepeatInterval 30', { RepeatInterval: 30 }, undefined],
		[
			'no start',
			schedule(undefined, '2026-11-22 10:00:00'),
			{
				field: 'ScheduleStartTime',
				message: 'Schedule Start Time is required unless Start Immediately is on',
			},
		],
		[
			'start not YYYY-MM-DD hh:mm:ss',
			schedule('2026-11-22T09:00:00', '2026-11-22 10:00:00'),
			{
				field: 'ScheduleStartTime',
				message: 'Schedule Start Time is required unless Start Immediately is on',
			},
		],
		[
			'no end',
			schedule('2026-11-22 09:00:00', ''),
			{
				field: 'ScheduleEndTime',
				message: 'Schedule End Time is required unless Start Immediately is on',
			},
		],
		[
			'end without seconds',
			schedule('2026-11-22 09:00:00', '2026-11-22 10:00'),
			{
				field: 'ScheduleEndTime',
				message: 'Schedule End Time is required unless Start Immediately is on',
			},
		],
		[
			'start 5 days + 1 s ahead',
			schedule('2026-11-27 00:00:01', '2026-11-27 00:40:00'),
			{
				field: 'ScheduleStartTime',
				message:
					'Schedule Start Time 2026-11-27 00:00:01 (Asia/Manila) must be within the next 5 days',
			},
		],
		[
			'end 5 days + 1 s ahead',
			schedule('2026-11-26 23:00:00', '2026-11-27 00:00:01'),
			{
				field: 'ScheduleEndTime',
				message:
					'Schedule End Time 2026-11-27 00:00:01 (Asia/Manila) must be within the next 5 days',
			},
		],
		['end exactly 5 days ahead', schedule('2026-11-26 23:00:00', '2026-11-27 00:00:00'), undefined],
		[
			'end 29 minutes after the start',
			schedule('2026-11-22 09:00:00', '2026-11-22 09:29:00'),
			{
				field: 'ScheduleEndTime',
				message:
					'Schedule End Time must be at least 30 minutes after the start (it is 29 minutes after)',
			},
		],
		[
			'end before the start',
			schedule('2026-11-22 09:00:00', '2026-11-22 08:00:00'),
			{
				field: 'ScheduleEndTime',
				message:
					'Schedule End Time must be at least 30 minutes after the start (it is -60 minutes after)',
			},
		],
		[
			'end exactly 30 minutes after',
			schedule('2026-11-22 09:00:00', '2026-11-22 09:30:00'),
			undefined,
		],
		[
			'Start Immediately without schedule',
			{ StartImmediately: true, ...schedule(undefined, undefined) },
			undefined,
		],
		[
			"Start Immediately with a past schedule (the docs' own example)",
			{ StartImmediately: true, ...schedule('2020-01-01 00:00:00', '2020-01-01 00:10:00') },
			undefined,
		],
	])('%s', (_label, overrides, expected) => {
		expect(taskProblem(task(overrides), ZONE, NOW)).toEqual(expected);
	});

	it('reads the schedule in the account time zone (Jakarta is one hour behind Manila)', () => {
		// the window ends 2026-11-27 00:00 Manila = 2026-11-26 23:00 Jakarta: 23:00:01 is beyond it only in Jakarta
		const late = task(schedule('2026-11-26 22:00:00', '2026-11-26 23:00:01'));
		expect(taskProblem(late, 'Asia/Jakarta', NOW)?.field).toBe('ScheduleEndTime');
		expect(taskProblem(late, ZONE, NOW)).toBeUndefined();
	});
});

describe('Task → Create: every documented contact rule (actions/voice/task/validation.ts)', () => {
	const ok = { Mobile: '+6212341234', Platform: 'AIRUDDER' };
	const mobile = (value: string) => ({
		field: 'Mobile',
		message: `Mobile "${value}" must be '+' then the country code and number, digits only (e.g. +6212341234)`,
	});
	it.each<[string, IDataObject, { field: string; message: string } | undefined]>([
		[
			'Mobile missing',
			{ Mobile: undefined },
			{ field: 'Mobile', message: 'Mobile is required (international form, e.g. +6212341234)' },
		],
		[
			'Mobile empty',
			{ Mobile: '' },
			{ field: 'Mobile', message: 'Mobile is required (international form, e.g. +6212341234)' },
		],
		[
			'Mobile a number',
			{ Mobile: 6212341234 },
			{ field: 'Mobile', message: 'Mobile is required (international form, e.g. +6212341234)' },
		],
		['Mobile without +', { Mobile: '6212341234' }, mobile('6212341234')],
		['Mobile "+" alone', { Mobile: '+' }, mobile('+')],
		['Mobile with a space', { Mobile: '+62 12341234' }, mobile('+62 12341234')],
		['Mobile with a dash', { Mobile: '+62-12341234' }, mobile('+62-12341234')],
		['Mobile with a full-width plus', { Mobile: '＋6212341234' }, mobile('＋6212341234')],
		['Mobile with Arabic-Indic digits', { Mobile: '+٦٢١٢' }, mobile('+٦٢١٢')],
		['Mobile with a trailing newline', { Mobile: '+6212341234\n' }, mobile('+6212341234\n')],
		[
			'Platform missing',
			{ Platform: undefined },
			{ field: 'Platform', message: 'Platform (your lending/selling platform name) is required' },
		],
		[
			'Platform empty',
			{ Platform: '' },
			{ field: 'Platform', message: 'Platform (your lending/selling platform name) is required' },
		],
		[
			'Platform 21 characters',
			{ Platform: 'p'.repeat(21) },
			{ field: 'Platform', message: 'Platform is 21 characters long; at most 20 are allowed' },
		],
		['Platform 20 characters', { Platform: 'p'.repeat(20) }, undefined],
		[
			'Customer 65 characters',
			{ Customer: 'c'.repeat(65) },
			{ field: 'Customer', message: 'Customer is 65 characters long; at most 64 are allowed' },
		],
		['Customer 64 emoji', { Customer: '😀'.repeat(64) }, undefined],
		[
			'Comments 65 characters',
			{ Comments: 'ü'.repeat(65) },
			{ field: 'Comments', message: 'Comments is 65 characters long; at most 64 are allowed' },
		],
		['Comments 64 characters', { Comments: 'ü'.repeat(64) }, undefined],
		[
			'Gender "Male" (case matters)',
			{ Gender: 'Male' },
			{ field: 'Gender', message: 'Gender must be "male" or "female" (got "Male")' },
		],
		[
			'Gender ""',
			{ Gender: '' },
			{ field: 'Gender', message: 'Gender must be "male" or "female" (got "")' },
		],
		[
			'Gender null',
			{ Gender: null },
			{ field: 'Gender', message: 'Gender must be "male" or "female" (got null)' },
		],
		['Gender "female"', { Gender: 'female' }, undefined],
		['Mobile checked before Platform', { Mobile: 'x', Platform: '' }, mobile('x')],
		[
			'Platform length checked before Customer',
			{ Platform: 'p'.repeat(21), Customer: 'c'.repeat(65) },
			{ field: 'Platform', message: 'Platform is 21 characters long; at most 20 are allowed' },
		],
	])('%s', (_label, overrides, expected) => {
		expect(contactProblem({ ...ok, ...overrides })).toEqual(expected);
	});
});

describe('Chatbot Template Message → Send: every documented rule (payload.ts)', () => {
	const input = (overrides: Partial<TemplateReceiverInput> = {}): TemplateReceiverInput => ({
		templateId: '28',
		channelId: '62895422536400',
		receiverId: '8613112345678',
		variables: [],
		robotId: '',
		robotVersionId: '',
		extraCustom: {},
		...overrides,
	});
	it.each<[string, Partial<TemplateReceiverInput>, { field: string; message: string } | undefined]>(
		[
			[
				'template id empty',
				{ templateId: ' ' },
				{ field: 'template_id', message: 'Template ID is required' },
			],
			[
				'template id with letters',
				{ templateId: 'tpl-28' },
				{ field: 'template_id', message: 'Template ID must be a whole number (got "tpl-28")' },
			],
			[
				'template id negative',
				{ templateId: '-28' },
				{ field: 'template_id', message: 'Template ID must be a whole number (got "-28")' },
			],
			[
				'template id decimal',
				{ templateId: '28.5' },
				{ field: 'template_id', message: 'Template ID must be a whole number (got "28.5")' },
			],
			[
				'template id beyond 2^53',
				{ templateId: '9007199254740993' },
				{
					field: 'template_id',
					message: 'Template ID must be a whole number (got "9007199254740993")',
				},
			],
			[
				'channel id empty',
				{ channelId: '' },
				{
					field: 'channel_id',
					message: 'Channel ID (the WABA account that owns the template) is required',
				},
			],
			[
				'receiver empty',
				{ receiverId: '  ' },
				{ field: 'receivers[].id', message: "Receiver's WhatsApp ID is required" },
			],
			[
				'robot id not a number',
				{ robotId: 'bot' },
				{ field: 'custom.robot_id', message: 'robot_id must be a whole number (got "bot")' },
			],
			[
				'robot version id decimal',
				{ robotId: '3927', robotVersionId: '2.6' },
				{
					field: 'custom.robot_version_id',
					message: 'robot_version_id must be a whole number (got "2.6")',
				},
			],
			[
				'robot id twice',
				{ robotId: '3927', extraCustom: { robot_id: 1 } },
				{
					field: 'custom.robot_id',
					message:
						'robot_id is set both in its own field and in Additional Custom Fields; keep one',
				},
			],
			[
				'robot version id twice',
				{ robotVersionId: '2612', extraCustom: { robot_version_id: 1 } },
				{
					field: 'custom.robot_version_id',
					message:
						'robot_version_id is set both in its own field and in Additional Custom Fields; keep one',
				},
			],
			[
				'template id checked first',
				{ templateId: '', channelId: '', receiverId: '' },
				{ field: 'template_id', message: 'Template ID is required' },
			],
		],
	)('%s', (_label, overrides, expected) => {
		const result = prepareReceiver(input(overrides));
		expect(
			isProblem(result) ? { field: result.field, message: result.message } : undefined,
		).toEqual(expected);
	});

	it('accepts the documented example (template 28, robot 3927 / 2612)', () => {
		const result = prepareReceiver(input({ robotId: '3927', robotVersionId: '2612' }));
		expect(isProblem(result)).toBe(false);
	});
});

describe('Workflow → Create: refused before any request (n8n-core harness + sandbox)', () => {
	let env: Awaited<ReturnType<typeof startAirudder>>;
	beforeAll(async () => {
		env = await startAirudder();
	});
	afterAll(async () => await env.close());

	const create = (overrides: IDataObject = {}): IDataObject => ({
		resource: 'workflow',
		operation: 'create',
		workflowTemplateId: 1024,
		name: 'reminders',
		endTime: '2026-11-24T10:00:00',
		accountTimeZone: ZONE,
		contactSource: 'item',
		...overrides,
	});
	const people = [{ callee_number: '+6281234567801' }, { callee_number: '+6281234567802' }];

	it.each<[string, IDataObject, IDataObject[], string, string | undefined]>([
		[
			'template id 0',
			{ workflowTemplateId: 0 },
			people,
			'Item 0: Workflow Template ID must be a positive whole number',
			'AIRudder field: workflow_template_id',
		],
		[
			'template id -5',
			{ workflowTemplateId: -5 },
			people,
			'Item 0: Workflow Template ID must be a positive whole number',
			'AIRudder field: workflow_template_id',
		],
		[
			'template id 1.5',
			{ workflowTemplateId: 1.5 },
			people,
			'Item 0: Workflow Template ID must be a positive whole number',
			'AIRudder field: workflow_template_id',
		],
		['name of spaces', { name: '   ' }, people, 'Item 0: Name is required', 'AIRudder field: name'],
		// an empty literal is refused by n8n itself (required parameter); an expression reaches the node
		[
			'no end time',
			{ endTime: '={{ "" }}' },
			people,
			'Item 0: End Time is required',
			'AIRudder field: end_time',
		],
		[
			'end time not a date',
			{ endTime: 'next friday' },
			people,
			'Item 0: End Time "next friday" is not a date and time',
			'AIRudder field: end_time',
		],
		[
			'Additional Body Fields not an object',
			{ additionalBodyFields: '[1, 2]' },
			people,
			'Item 0: Additional Body Fields must be a JSON object',
			undefined,
		],
	])('%s', async (_label, params, items, message, description) => {
		await expectRefused(params, items, message, description);
	});

	it('Additional Body Fields that is not JSON', async () => {
		await expectRefused(
			{ additionalBodyFields: '{ "auto_finish": ' },
			people,
			'Item 0: Additional Body Fields must be a JSON object',
		);
	});

	async function expectRefused(
		params: IDataObject,
		items: IDataObject[],
		message: string,
		description?: string,
	): Promise<void> {
		env.sandbox.clearRequests();
		const result = await env.harness.run(airudderWorkflow(create(params), items));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(message);
		expect(result.error?.message).toBe(message);
		if (description) expect(result.error?.description).toBe(description);
		expect(env.sandbox.requests).toHaveLength(0);
	}

	it.each<[string, IDataObject, IDataObject[], number]>([
		['an empty contact', {}, [people[0], { note: '  ', gone: null }], 1],
		[
			'an empty contact from fields',
			{
				contactSource: 'fields',
				contactFields: {
					field: [
						{ name: 'callee_number', value: '={{ $itemIndex === 0 ? "" : $json.callee_number }}' },
					],
				},
			},
			people,
			0,
		],
	])('%s is not sent but reported on its own item', async (_label, params, items, emptyItem) => {
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			airudderWorkflow(
				create({ endTime: '={{ $now.plus({ days: 2 }).toISO() }}', ...params }),
				items,
			),
		);
		expect(result.error).toBeUndefined();
		const output = result.output('AIRudder');
		expect(output[0].json).toMatchObject({ contactsRejected: 1, requests: 1 });
		expect(output[1]).toEqual({
			json: {
				workflow_id: output[0].json.workflow_id,
				rejected: true,
				rejection: { field: 'details', msg: 'the contact has no fields', rejectedBy: 'node' },
			},
			pairedItem: { item: emptyItem },
		});
		const body = env.sandbox.requests.find((r) => r.path.endsWith('/createinstance'))?.body;
		expect((body as IDataObject).details).toHaveLength(items.length - 1);
	});

	it('the same parameters with valid values reach the sandbox (the table above is not vacuous)', async () => {
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			airudderWorkflow(create({ endTime: '={{ $now.plus({ days: 2 }).toISO() }}' }), people),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests.map((r) => r.path)).toContain(
			'/service/cloud/workflow/createinstance',
		);
	});
});
