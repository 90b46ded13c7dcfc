import type { IDataObject } from 'n8n-workflow';

import { huaweiMessage } from '../../nodes/Airudder/actions/chatbot/huaweiChannel/sendUserMessage.operation';
import {
	buildCustom,
	groupReceivers,
	isProblem,
	prepareReceiver,
	templateSendBody,
	type PreparedReceiver,
	type TemplateReceiverInput,
} from '../../nodes/Airudder/actions/chatbot/templateMessage/payload';
import { CHATBOT_ENDPOINTS, CHATBOT } from '../../nodes/Airudder/transport/chatbot/request';
import { SEED_000_BODY } from '../fixtures/chatbot-examples';

const input = (overrides: Partial<TemplateReceiverInput> = {}): TemplateReceiverInput => ({
	templateId: '28',
	channelId: '62895422536400',
	receiverId: '8613112345678',
	variables: [
		{ name: 'date', value: '2024-01-17' },
		{ name: 'name', value: 'tttt001' },
	],
	robotId: '3927',
	robotVersionId: '2612',
	extraCustom: {},
	...overrides,
});

const prepared = (overrides: Partial<TemplateReceiverInput> = {}): PreparedReceiver => {
	const result = prepareReceiver(input(overrides));
	if (isProblem(result)) throw new Error(result.message);
	return result;
};

describe('custom JSON string', () => {
	it("builds the docs' example string byte for byte, robot ids as integers", () => {
		expect(buildCustom({ robotId: '3927', robotVersionId: '2612' }, {})).toBe(
			'{"robot_id":3927,"robot_version_id":2612}',
		);
	});

	it('is "{}" when nothing is set (custom is required and must be JSON)', () => {
		expect(buildCustom({ robotId: '', robotVersionId: ' ' }, {})).toBe('{}');
	});

	it('appends extra fields after the robot fields', () => {
		expect(buildCustom({ robotId: '7', robotVersionId: '' }, { lang: 'id', n: 1 })).toBe(
			'{"robot_id":7,"lang":"id","n":1}',
		);
	});

	it.each([
		[
			'a non-number robot id',
			{ robotId: 'abc', robotVersionId: '' },
			{},
			'custom.robot_id',
			'robot_id must be a whole number (got "abc")',
		],
		[
			'a decimal version id',
			{ robotId: '', robotVersionId: '2.5' },
			{},
			'custom.robot_version_id',
			'robot_version_id must be a whole number (got "2.5")',
		],
		[
			'robot_id in both places',
			{ robotId: '1', robotVersionId: '' },
			{ robot_id: 2 },
			'custom.robot_id',
			'robot_id is set both in its own field and in Additional Custom Fields; keep one',
		],
	])('refuses %s', (_label, robot, extra, field, message) => {
		expect(buildCustom(robot, extra)).toEqual({ field, message });
	});
});

describe('receiver and variable mapping', () => {
	it('maps one item to AIRudder fields', () => {
		expect(prepared()).toEqual({
			template_id: 28,
			channel_id: '62895422536400',
			custom: '{"robot_id":3927,"robot_version_id":2612}',
			variables: { date: '2024-01-17', name: 'tttt001' },
			receiverId: '8613112345678',
		});
	});

	it('turns variable values into strings and skips rows without a name', () => {
		const receiver = prepared({
			variables: [
				{ name: 'amount', value: 12.5 },
				{ name: '', value: 'x' },
				{ name: 'empty', value: undefined },
			],
		});
		expect(receiver.variables).toEqual({ amount: '12.5', empty: '' });
	});

	it("builds the seed-000 body from the seed's values", () => {
		const receiver = prepared();
		const [group] = groupReceivers([{ itemIndex: 0, receiver }]);
		expect(templateSendBody(group.head, ['8613112345678'], 1668112245)).toEqual(SEED_000_BODY);
		expect(JSON.stringify(templateSendBody(group.head, ['8613112345678'], 1668112245))).toBe(
			JSON.stringify(SEED_000_BODY),
		);
	});

	it('omits template when no variable is set (it is optional)', () => {
		const receiver = prepared({ variables: [] });
		const [group] = groupReceivers([{ itemIndex: 0, receiver }]);
		expect(templateSendBody(group.head, ['1'], 1)).not.toHaveProperty('template');
	});

	it('puts receivers with the same template, channel, custom and variables into one group, in input order', () => {
		const entries = [
			{ itemIndex: 0, receiver: prepared({ receiverId: 'a' }) },
			{
				itemIndex: 1,
				receiver: prepared({ receiverId: 'b', variables: [{ name: 'name', value: 'other' }] }),
			},
			{ itemIndex: 2, receiver: prepared({ receiverId: 'c' }) },
			{ itemIndex: 3, receiver: prepared({ receiverId: 'd', robotId: '1' }) },
		];
		const groups = groupReceivers(entries);
		expect(groups.map((g) => g.members.map((m) => m.itemIndex))).toEqual([[0, 2], [1], [3]]);
		expect(
			templateSendBody(
				groups[0].head,
				groups[0].members.map((m) => m.receiver.receiverId),
				5,
			).receivers,
		).toEqual([{ id: 'a' }, { id: 'c' }]);
	});

	it('treats the same variables in another order as the same group', () => {
		const a = prepared({
			variables: [
				{ name: 'x', value: '1' },
				{ name: 'y', value: '2' },
			],
		});
		const b = prepared({
			variables: [
				{ name: 'y', value: '2' },
				{ name: 'x', value: '1' },
			],
		});
		expect(
			groupReceivers([
				{ itemIndex: 0, receiver: a },
				{ itemIndex: 1, receiver: b },
			]),
		).toHaveLength(1);
	});
});

describe('validation messages', () => {
	it.each<[string, Partial<TemplateReceiverInput>, string, string]>([
		['empty template id', { templateId: ' ' }, 'template_id', 'Template ID is required'],
		[
			'template id "t28"',
			{ templateId: 't28' },
			'template_id',
			'Template ID must be a whole number (got "t28")',
		],
		[
			'negative template id',
			{ templateId: '-1' },
			'template_id',
			'Template ID must be a whole number (got "-1")',
		],
		[
			'empty channel id',
			{ channelId: '' },
			'channel_id',
			'Channel ID (the WABA account that owns the template) is required',
		],
		[
			'empty receiver',
			{ receiverId: '  ' },
			'receivers[].id',
			"Receiver's WhatsApp ID is required",
		],
		[
			'bad robot id',
			{ robotId: 'x1' },
			'custom.robot_id',
			'robot_id must be a whole number (got "x1")',
		],
	])('%s', (_label, overrides, field, message) => {
		expect(prepareReceiver(input(overrides))).toEqual({ field, message });
	});

	it('trims ids', () => {
		expect(prepared({ templateId: ' 28 ', channelId: ' c ', receiverId: ' r ' })).toMatchObject({
			template_id: 28,
			channel_id: 'c',
			receiverId: 'r',
		});
	});
});

describe('Huawei user messages', () => {
	it.each([
		[
			{ type: 'text', text: 'hi' },
			{ type: 'text', text: 'hi' },
		],
		[
			{ type: 'image', url: 'https://www.airudder.com/xxx.jpg' },
			{ type: 'image', media: { origin_url: 'https://www.airudder.com/xxx.jpg' } },
		],
		[
			{ type: 'file', url: 'https://www.airudder.com/xxx.pdf', fileName: 'xxx.pdf' },
			{ type: 'file', media: { origin_url: 'https://www.airudder.com/xxx.pdf', name: 'xxx.pdf' } },
		],
		[
			{ type: 'audio', url: 'https://www.airudder.com/xxx.wav', fileName: 'ignored.wav' },
			{ type: 'audio', media: { origin_url: 'https://www.airudder.com/xxx.wav' } },
		],
		[
			{
				type: 'interactive',
				replyType: 'list_reply',
				replyId: '3eeb467c935f6f2cb45021364ef3c1e8-3-1-list-0-0-',
				replyTitle: '物流查询',
			},
			{
				type: 'interactive',
				interactive: {
					type: 'list_reply',
					list_reply: { id: '3eeb467c935f6f2cb45021364ef3c1e8-3-1-list-0-0-', title: '物流查询' },
				},
			},
		],
	])("maps %j to the docs' example shape", (row, message) => {
		expect(huaweiMessage(row, 0)).toEqual({ message });
	});

	it.each([
		[{ type: 'text', text: ' ' }, 'messages[2].text', 'Message 3: Text is required'],
		[{ type: 'video' }, 'messages[2].media.origin_url', 'Message 3: Media URL is required'],
		[
			{ type: 'interactive', replyType: 'button_reply' },
			'messages[2].interactive.button_reply.id',
			'Message 3: Option ID is required',
		],
	])('refuses %j', (row, field, message) => {
		expect(huaweiMessage(row, 2)).toEqual({ problem: { field, message } });
	});
});

describe('chatbot answers (the chatbot adapter of the request core)', () => {
	const endpoint = CHATBOT_ENDPOINTS.sendTemplateMessage;
	const parsed = (body: object) => ({ json: body as IDataObject, text: JSON.stringify(body) });

	it('accepts the documented success envelope', () => {
		const body = {
			request_id: '7b50b74e5ec2910fe9b250c9fda7085e',
			code: 200,
			message: 'Success',
			data: { task_id: '3b36592db276377cf65fe22337cc2bff' },
		};
		expect(CHATBOT.accept(endpoint, parsed(body))).toEqual(body);
	});

	it('refuses a non-200 code or no code, naming code, message and request_id', () => {
		const body = { request_id: 'abc', code: 1001, message: 'template not found', data: null };
		expect(CHATBOT.accept(endpoint, parsed(body))).toBeUndefined();
		expect(CHATBOT.accept(endpoint, parsed({ ok: true }))).toBeUndefined();
		expect(CHATBOT.explain(endpoint, parsed(body))).toEqual({
			code: 1001,
			own: 'template not found (request_id abc)',
		});
	});
});
