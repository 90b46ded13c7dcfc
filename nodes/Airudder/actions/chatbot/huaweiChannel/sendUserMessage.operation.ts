import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	additionalBodyFields,
	additionalBodyFieldsProperty,
	forOperation,
	perItem,
	requiredString,
} from '../../shared/operations';
import { compact } from '../../../helpers/contacts';
import type { Problem } from '../../shared/problem';
import { airudderChatbotRequest, CHATBOT_ENDPOINTS } from '../../../transport/chatbot/request';

/**
 * Huawei Channel → Send User Message: "华为 › api › 用户发送消息", `POST /api/v1/channel/huawei/message`
 * with `{call_id, channel, channel_id, user: {id, name}, messages: [...]}`. Known from the request
 * example only (no field table, no response): message shapes are the example's — text, image /
 * video / audio / file with `media.origin_url` (+ `media.name` for files), and the user's pick in an
 * interactive message (`list_reply` / `button_reply` with id and title). The answer is returned as is.
 * Doc: https://api-docs.airudder.com/api-185886081
 */
export const description = forOperation('huaweiChannel', 'sendUserMessage', [
	{
		displayName: 'Conversation ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. the Huawei session ID',
		description: 'ID of the conversation (call_id)',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: 'HuaWei',
		description: 'Channel name (channel); "HuaWei" in the docs\' example',
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. hwbcauat',
		description: 'The channel account configured in AIRudder (channel_id)',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 123',
		description: 'ID of the end user in the channel',
	},
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		default: '',
		placeholder: 'e.g. nick',
		description: 'Display name of the end user (user.name)',
	},
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: {},
		description: 'What the user sent, in order (messages)',
		options: [
			{
				displayName: 'Message',
				name: 'message',
				values: [
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						placeholder: 'e.g. invoice.pdf',
						description: 'Name of the file (media.name)',
						displayOptions: { show: { type: ['file'] } },
					},
					{
						displayName: 'Media URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://www.example.com/photo.jpg',
						description: 'Public link to the file (media.origin_url)',
						displayOptions: { show: { type: ['image', 'video', 'audio', 'file'] } },
					},
					{
						displayName: 'Option ID',
						name: 'replyId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 3eeb467c935f6f2cb45021364ef3c1e8-2-1-button-0-',
						description:
							'Unique ID of the option or button the user picked, as the chatbot sent it',
						displayOptions: { show: { type: ['interactive'] } },
					},
					{
						displayName: 'Option Title',
						name: 'replyTitle',
						type: 'string',
						default: '',
						placeholder: 'e.g. Track my parcel',
						description: 'Label of the option or button the user picked',
						displayOptions: { show: { type: ['interactive'] } },
					},
					{
						displayName: 'Reply Kind',
						name: 'replyType',
						type: 'options',
						default: 'button_reply',
						description: 'Whether the user pressed a reply button or picked from a list',
						options: [
							{ name: 'Button Reply', value: 'button_reply' },
							{ name: 'List Reply', value: 'list_reply' },
						],
						displayOptions: { show: { type: ['interactive'] } },
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'e.g. I would like to pay my bill',
						description: 'What the user wrote',
						displayOptions: { show: { type: ['text'] } },
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'text',
						description: 'What kind of message the user sent',
						options: [
							{ name: 'Audio', value: 'audio' },
							{ name: 'File', value: 'file' },
							{ name: 'Image', value: 'image' },
							{
								name: 'Interactive Reply',
								value: 'interactive',
								description: 'The option or button the user picked',
							},
							{ name: 'Text', value: 'text' },
							{ name: 'Video', value: 'video' },
						],
					},
				],
			},
		],
	},
	additionalBodyFieldsProperty,
]);

/** One "Messages" row of the node. */
interface HuaweiMessageRow {
	type?: string;
	text?: string;
	url?: string;
	fileName?: string;
	replyType?: string;
	replyId?: string;
	replyTitle?: string;
}

/**
 * Converts one row to the shape of the docs' example (pure).
 * @param position 0-based index of the row, named in the problem.
 * @returns `{ message }`, or `{ problem }` when a row misses its text, URL or option ID.
 */
export function huaweiMessage(
	row: HuaweiMessageRow,
	position: number,
): { message: IDataObject } | { problem: Problem } {
	const type = row.type ?? 'text';
	const problem = (name: string, label: string) => ({
		problem: {
			field: `messages[${position}].${name}`,
			message: `Message ${position + 1}: ${label} is required`,
		},
	});
	if (type === 'text') {
		return row.text?.trim() ? { message: { type, text: row.text } } : problem('text', 'Text');
	}
	if (type === 'interactive') {
		const replyType = row.replyType ?? 'button_reply';
		if (!row.replyId?.trim()) return problem(`interactive.${replyType}.id`, 'Option ID');
		return {
			message: {
				type,
				interactive: {
					type: replyType,
					[replyType]: compact({ id: row.replyId, title: row.replyTitle }),
				},
			},
		};
	}
	if (!row.url?.trim()) return problem('media.origin_url', 'Media URL');
	return {
		message: {
			type,
			media: compact({ origin_url: row.url, name: type === 'file' ? row.fileName : undefined }),
		},
	};
}

/** @returns one item per input item: AIRudder's answer envelope (its content is not documented). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const rows = this.getNodeParameter('messages.message', itemIndex, []) as HuaweiMessageRow[];
		const messages = rows.map((row, position) => {
			const converted = huaweiMessage(row, position);
			if ('problem' in converted) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${itemIndex}: ${converted.problem.message}`,
					{
						itemIndex,
						description: `AIRudder field: ${converted.problem.field}`,
					},
				);
			}
			return converted.message;
		});
		const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '');
		const user = compact({ id: text('userId'), name: text('userName') });
		const body = {
			call_id: requiredString.call(this, 'callId', 'Conversation ID', itemIndex),
			...compact({ channel: text('channel'), channel_id: text('channelId') }),
			...(Object.keys(user).length > 0 ? { user } : {}),
			messages,
			...additionalBodyFields.call(this, itemIndex),
		};
		return await airudderChatbotRequest.call(this, CHATBOT_ENDPOINTS.huaweiUserSendMessage, {
			body,
			itemIndex,
		});
	});
}
