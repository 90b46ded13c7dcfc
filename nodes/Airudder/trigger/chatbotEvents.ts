import type { AirudderEvent } from './events';
import { CHANNEL_MESSAGE_SENT, UNDOCUMENTED } from './shapes';

/**
 * The AIRudder Chatbot Trigger's catalogue: one entry per callback of AIRudder's chatbot docs
 * (https://apifox.com/apidoc/docs-site/1780479/doc-3647884 and the pages beside it; the voice
 * catalogue is events.ts).
 */

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

/** Callbacks of AIRudder's chatbot docs, in the docs' order. */
export const CHATBOT_EVENTS: readonly AirudderEvent[] = [
	{
		key: 'chatbotChannelMessageSentEvent',
		displayName: 'Message Sent by the Channel',
		group: 'Chatbot',
		file: CHATBOT,
		docUrl: 'https://api-docs.airudder.com/api-260826446',
		description: 'Event report message.send: messages the bot/channel sent in a conversation',
		shape: CHANNEL_MESSAGE_SENT,
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
