import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, forOperation, jsonObjectParameter } from '../../shared/operations';
import { airudderChatbotRequest, CHATBOT_ENDPOINTS } from '../../../transport/chatbot/request';
import {
	groupReceivers,
	isProblem,
	prepareReceiver,
	templateSendBody,
	type PreparedReceiver,
} from './payload';

/**
 * Template Message → Send: "Send template message", `POST /api/v1/template/send`.
 * Every input item is one receiver; receivers that share template, channel, custom and variables
 * go into ONE request (no maximum is documented, so there is no batching). `timestamp` is set to
 * the current Unix time in seconds, `channel` to "WhatsApp".
 * Doc: Chatbot English › Send template message (https://apifox.com/apidoc/docs-site/1780479/doc-3647884)
 */
const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one receiver. Receivers with the same template, channel, robot and variables are sent together in one request.',
		name: 'receiversNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 28',
		description: 'ID of the approved WhatsApp template (template_id, a whole number)',
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 62895422536400',
		description:
			'The WABA account that owns the template (channel_id). The channel itself is always WhatsApp.',
	},
	{
		displayName: 'Receiver WhatsApp ID',
		name: 'receiverId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8613112345678',
		hint: 'Usually an expression such as {{ $json.phone }}',
		description:
			"The receiver's WhatsApp account: in the docs' example, the number with country code and no '+'",
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description:
			"Values for the template's placeholders (template[].variable). A name that does not match the template falls back to the sample value registered with the template.",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. name',
						description: 'The placeholder name, as registered with the template',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.firstName }}',
						description: 'The text put in the placeholder for this receiver',
					},
				],
			},
		],
	},
	{
		displayName: 'Chatbot Robot ID',
		name: 'robotId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3927',
		description:
			'The chatbot that takes over replies (custom.robot_id, a whole number AIRudder gives you offline). Empty: not sent.',
	},
	{
		displayName: 'Chatbot Robot Version ID',
		name: 'robotVersionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2612',
		description:
			'Version of that chatbot (custom.robot_version_id, a whole number AIRudder gives you offline). Empty: not sent.',
	},
	{
		displayName: 'Additional Custom Fields (JSON)',
		name: 'additionalCustomFields',
		type: 'json',
		default: '{}',
		description:
			'More fields for the "custom" JSON string, as a JSON object (agreed with AIRudder; the "HSB custom field" page is not public). Sent as {} when nothing is set.',
	},
];

export const description = forOperation('templateMessage', 'send', properties);

interface Entry {
	itemIndex: number;
	receiver: PreparedReceiver;
}

function readReceiver(this: IExecuteFunctions, itemIndex: number): PreparedReceiver {
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '');
	const prepared = prepareReceiver({
		templateId: text('templateId'),
		channelId: text('channelId'),
		receiverId: text('receiverId'),
		variables: this.getNodeParameter('templateVariables.variable', itemIndex, []) as Array<{
			name?: string;
			value?: unknown;
		}>,
		robotId: text('robotId'),
		robotVersionId: text('robotVersionId'),
		extraCustom: jsonObjectParameter.call(
			this,
			'additionalCustomFields',
			'Additional Custom Fields (JSON)',
			itemIndex,
		),
	});
	if (isProblem(prepared)) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${prepared.message}`, {
			itemIndex,
			description: `AIRudder field: ${prepared.field}`,
		});
	}
	return prepared;
}

/**
 * Checks every item before any request, then sends one request per group of receivers. Writes are
 * never retried. With "Continue On Fail", an invalid item or a refused request becomes `{ error }`
 * on the items concerned and the others are still sent.
 *
 * @returns one item per receiver, paired to its input item:
 *   `{ task_id, receiver, template_id, channel_id, request_id }` (task_id of its request).
 * @throws NodeOperationError naming the item and AIRudder field (nothing sent); NodeApiError when
 *   AIRudder refuses a request.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const entries: Entry[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			entries.push({ itemIndex, receiver: readReceiver.call(this, itemIndex) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError.call(this, error, itemIndex);
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	for (const { head, members } of groupReceivers<Entry>(entries)) {
		const body = templateSendBody(
			head,
			members.map(({ receiver }) => receiver.receiverId),
			Math.floor(Date.now() / 1000),
		);
		try {
			const envelope = await airudderChatbotRequest.call(
				this,
				CHATBOT_ENDPOINTS.sendTemplateMessage,
				{ body, itemIndex: members[0].itemIndex },
			);
			const data = (envelope.data ?? {}) as IDataObject;
			for (const { itemIndex, receiver } of members) {
				output.push({
					json: {
						task_id: data.task_id,
						receiver: receiver.receiverId,
						template_id: head.template_id,
						channel_id: head.channel_id,
						request_id: envelope.request_id,
					},
					pairedItem: { item: itemIndex },
				});
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError.call(this, error, members[0].itemIndex);
			for (const { itemIndex, receiver } of members) {
				output.push({
					json: { receiver: receiver.receiverId, error: (error as Error).message },
					pairedItem: { item: itemIndex },
				});
			}
		}
	}
	return output.sort(
		(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
	);
}
