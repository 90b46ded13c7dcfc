import type { INodeProperties } from 'n8n-workflow';

import { additionalBodyFieldsProperty, forOperation } from '../../shared/operations';
import { pdsAccountTimeZoneProperty, pdsCallbackProperty } from '../common';
import { waitProperties } from './create/wait';
import { diallingSettingsProperty } from './settings.properties';

/**
 * A field with one default in a workflow and another when the node is an AI agent's tool (n8n's
 * `@tool` display option): an agent has no input item that is a contact, so the tool reads the
 * contact from the model (`$fromAI`) and from the fields the user sets, never from the item.
 */
function perMode(property: INodeProperties, asTool: INodeProperties['default']): INodeProperties[] {
	return [
		{ ...property, displayOptions: { hide: { '@tool': [true] } } },
		{ ...property, default: asTool, displayOptions: { show: { '@tool': [true] } } },
	];
}

/**
 * Editor fields of Task → Create (PDS `createtask`). Every input item is one contact of
 * `customizeContacts`; the task fields are read from the first item.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsCreateTask`).
 */
export const description = forOperation('task', 'create', [
	{
		displayName: 'Task Name',
		name: 'taskName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. collection_b1_20260501',
		description:
			'Unique name of the task (PDS error 10508 for a duplicate). Letters, digits, underscores and hyphens.',
	},
	{
		displayName: 'Skill Group',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Group_Bucket3',
		description:
			'The skill (agent) group whose agents take the answered calls (groupName; account-specific)',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When dialling starts; sent as YYYY-MM-DD HH:MM:SS in the account time zone. Not in the past (PDS error 10509).',
	},
	{
		displayName: 'Auto End Time',
		name: 'autoEndTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When the task ends by itself: at least 5 minutes after the start and on the same day (PDS errors 10620, 10621)',
	},
	pdsAccountTimeZoneProperty(
		"Your AIRudder account's time zone: Start Time and Auto End Time are sent as wall time in it",
	),
	pdsCallbackProperty,
	...perMode(
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			required: true,
			default: '={{ $json.phonenumber }}',
			description:
				"The contact's main number (customizeContacts phonenumber), E.164 with + and at most 14 digits (PDS error 10510)",
		},
		`={{ $fromAI('phonenumber', 'The number to call, in E.164 form with + and at most 14 digits, e.g. +6281234567890', 'string') }}`,
	),
	...perMode(
		{
			displayName: 'Contact Fields From',
			name: 'contactSource',
			type: 'options',
			default: 'item',
			options: [
				{
					name: 'All Item Fields',
					value: 'item',
					description:
						'Every top-level field of the input item (numbers become strings), plus the fields below. Not for an AI agent: its input item is not a contact.',
				},
				{
					name: 'Only the Fields Below',
					value: 'defined',
					description: 'Only Phone Number and the Contact Fields below',
				},
			],
			description:
				"Which fields each contact carries. Their keys must be fields of the account's customer-info template (PDS errors 10617, 10618); values are sent as strings. As an AI agent's tool the default is Only the Fields Below.",
		},
		'defined',
	),
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact Field',
		default: {},
		description: 'Template fields of the contact, e.g. account_id, nama_customer, mobile_phone_2',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	...waitProperties,
	diallingSettingsProperty(true),
	{
		...additionalBodyFieldsProperty,
		description:
			'More createtask fields, as a JSON object (e.g. resultStrategies, whose shape the reference does not know). AIRudder is known here only from a production client.',
	},
]);
