import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commaList } from '../rules';

/**
 * "Dialling Settings" of Create Task and Copy Task: the createtask/copytask fields besides name,
 * times, group and contacts. The reference knows them from one production client, which always
 * sends them; AIRudder's own required set is unknown. The node always sends agentName, restTimes,
 * repeatTimes and bulkCallInterval (that client's defaults: [], [], 1, 120), the others only when
 * added here. Descriptions say what is inferred (x-inferred / x-incomplete in the reference).
 */
const SETTINGS: Array<INodeProperties & { createOnly?: boolean }> = [
	{
		displayName: 'Agent Names',
		name: 'agentName',
		type: 'string',
		default: '',
		placeholder: 'e.g. agent01, agent02',
		description:
			'Comma-separated agents of the skill group to restrict the task to (agentName; empty = all). PDS errors 10550, 10551.',
	},
	{
		displayName: 'Bulk Call Interval',
		name: 'bulkCallInterval',
		type: 'number',
		typeOptions: { minValue: 60 },
		default: 120,
		description:
			'Interval between dialling rounds, at least 60 (seconds presumed, inferred). PDS error 10522.',
	},
	{
		displayName: 'Repeat Times',
		name: 'repeatTimes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Number of dialling rounds (repeatTimes). PDS error 10521.',
	},
	{
		displayName: 'Rest Times',
		name: 'restTimes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Rest Time',
		description: 'Break windows in which no calls are placed (restTimes), HH:MM:SS',
		options: [
			{
				displayName: 'Rest Time',
				name: 'window',
				values: [
					{ displayName: 'Start', name: 'start', type: 'string', default: '12:00:00' },
					{ displayName: 'End', name: 'end', type: 'string', default: '13:00:00' },
				],
			},
		],
	},
	{
		displayName: 'Dialling Order',
		name: 'dialingOrder',
		type: 'string',
		default: '',
		createOnly: true,
		placeholder: 'e.g. mobile_phone_2, telp_perusahaan',
		description:
			'Comma-separated contact fields holding further numbers, in the order they are dialled for one contact (dialingOrder)',
	},
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description:
			'Free remark (the client the reference comes from sends the task name; so does the node when empty)',
	},
	{
		displayName: 'Max Lost Rate',
		name: 'maxLostRate',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		description:
			"Maximum abandoned ('lost') call rate (percent presumed, inferred). PDS error 10525.",
	},
	{
		displayName: 'Contact Number Interval',
		name: 'contactNumberInterval',
		type: 'number',
		default: 0,
		description:
			"Interval between dialling a contact's several numbers (unit unknown). PDS error 10526.",
	},
	{
		displayName: 'Dialling Mode',
		name: 'dialingMode',
		type: 'number',
		default: 0,
		description: 'Dialling mode code (dialingMode); values other than 0 are unknown',
	},
	{
		displayName: 'Auto Slot Factor',
		name: 'autoSlotFactor',
		type: 'number',
		default: 0,
		createOnly: true,
		description: 'Automatic over-dial factor switch, 0/1 presumed (inferred)',
	},
	{
		displayName: 'Slot Factor',
		name: 'slotFactor',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 2.5,
		createOnly: true,
		description: 'Over-dial factor when Auto Slot Factor is 0 (the reference client sends 2.5)',
	},
	{
		displayName: 'Call Interval',
		name: 'callInterval',
		type: 'number',
		default: 0,
		createOnly: true,
		description: 'Interval between calls (unit unknown)',
	},
	{
		displayName: 'After-Call Work Time',
		name: 'acwTime',
		type: 'number',
		default: 15,
		createOnly: true,
		description: 'After-call work time of the agents (acwTime; seconds presumed, inferred)',
	},
	{
		displayName: 'Ring Limit',
		name: 'ringLimit',
		type: 'number',
		default: 0,
		createOnly: true,
		description: 'Ring time limit (0 = default presumed; unit unknown)',
	},
	{
		displayName: 'Auto QA',
		name: 'autoQa',
		type: 'options',
		default: 'Y',
		options: [
			{ name: 'On', value: 'Y', description: 'Sends Y (what the reference client sends)' },
			{
				name: 'Off',
				value: 'N',
				description: 'Sends N (inferred: the reference client never sends it)',
			},
		],
		description:
			'Automatic QA switch (autoQa Y or N). When on, the node sends autoQa and autoQA, as the reference client does (which spelling AIRudder reads is unknown). PDS error 10524.',
	},
	{
		displayName: 'QA Config ID',
		name: 'qaConfigId',
		type: 'number',
		default: 0,
		description: 'QA configuration ID of your account (account-specific)',
	},
	{
		displayName: 'QA Limit Length',
		name: 'qaLimitLength',
		type: 'number',
		default: 0,
		description: 'QA limit on call length (unit unknown)',
	},
	{
		displayName: 'QA Limit Rate',
		name: 'qaLimitRate',
		type: 'number',
		default: 100,
		description: 'QA sampling rate (percent presumed, inferred)',
	},
	{
		displayName: 'Voicemail Redial',
		name: 'voicemailRedial',
		type: 'number',
		default: 0,
		createOnly: true,
		description:
			'Redial when voicemail is detected, 0/1 presumed (inferred). PDS errors 10523, 10901.',
	},
	{
		displayName: 'Voicemail Check',
		name: 'voicemailCheck',
		type: 'options',
		default: 0,
		createOnly: true,
		options: [
			{ name: 'Off', value: 0, description: 'Sends 0' },
			{ name: 'On', value: 1, description: 'Sends 1' },
		],
		description: 'Voicemail detection switch (voicemailCheck 0 or 1)',
	},
	{
		displayName: 'Voicemail Check Duration',
		name: 'voicemailCheckDuration',
		type: 'number',
		default: 0,
		createOnly: true,
		description: 'Sent only with Voicemail Check on (unit unknown)',
	},
	{
		displayName: 'Voicemail Handle',
		name: 'voicemailHandle',
		type: 'number',
		default: 1,
		createOnly: true,
		description: 'Sent only with Voicemail Check on: action code (values unknown)',
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		createOnly: true,
		description:
			"The account's customer-info template the contact fields follow (account-specific)",
	},
];

/** The "Dialling Settings" collection: all settings for Create Task, the copytask ones for Copy Task. */
export function diallingSettingsProperty(forCreate: boolean): INodeProperties {
	return {
		displayName: 'Dialling Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		options: SETTINGS.filter((setting) => forCreate || !setting.createOnly).map(
			({ createOnly: _createOnly, ...setting }) => setting,
		),
	};
}

/**
 * The body fields of an item's Dialling Settings: agentName and dialingOrder as arrays, restTimes
 * as `[{start, end}]`, repeatTimes/bulkCallInterval always (defaults 1/120), autoQA beside autoQa
 * 'Y', voicemail details only with voicemailCheck 1.
 */
export function readDiallingSettings(
	this: IExecuteFunctions,
	itemIndex: number,
	forCreate: boolean,
): IDataObject {
	const settings = { ...(this.getNodeParameter('settings', itemIndex, {}) as IDataObject) };
	const windows = ((settings.restTimes as IDataObject | undefined)?.window ?? []) as IDataObject[];
	const body: IDataObject = {
		...settings,
		agentName: commaList(settings.agentName),
		restTimes: windows.map(({ start, end }) => ({ start: String(start), end: String(end) })),
		repeatTimes: settings.repeatTimes ?? 1,
		bulkCallInterval: settings.bulkCallInterval ?? 120,
	};
	if (forCreate) body.dialingOrder = commaList(settings.dialingOrder);
	else delete body.dialingOrder;
	if (!settings.remark) delete body.remark;
	if (settings.autoQa === 'Y') body.autoQA = 'Y';
	if (settings.voicemailCheck !== 1) {
		delete body.voicemailCheckDuration;
		delete body.voicemailHandle;
	}
	return body;
}
