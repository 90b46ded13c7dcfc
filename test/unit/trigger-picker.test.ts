import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { AirudderChatbotTrigger } from '../../nodes/Airudder/AirudderChatbotTrigger.node';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';

/**
 * What n8n's trigger picker (node creator) shows for each event of the Events parameter: the
 * option's `action` as is, else "On " + the name lower-cased with its punctuation dropped (lodash
 * noCase, in n8n 1.123 and 2.41). Each entry must read distinctly: none may be the words of
 * another with a prefix (e.g. "leads generation predictive dialer task status changed" beside
 * "predictive dialer task status changed").
 */
const words = (text: string) =>
	text
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean)
		.join(' ');

function pickerLabels(properties: INodeProperties[]): string[] {
	const events = properties.find((property) => property.displayName === 'Events')!;
	return (events.options as INodePropertyOptions[])
		.filter((option) => !['*', '', ' '].includes(option.name))
		.map((option) => option.action ?? `On ${words(option.name)}`);
}

describe.each([
	['AIRudder Trigger', new AirudderTrigger()],
	['AIRudder Chatbot Trigger', new AirudderChatbotTrigger()],
])("%s: the trigger picker's entries", (_name, node) => {
	const labels = pickerLabels(node.description.properties);

	it('are "On " + the event name as the Events list shows it (case and group kept)', () => {
		const events = node.description.properties.find((p) => p.displayName === 'Events')!;
		const names = (events.options as INodePropertyOptions[])
			.filter((option) => option.name !== '*')
			.map((option) => `On ${option.name}`);
		expect(labels).toEqual(names);
	});

	it('read distinctly: no entry is another entry with words in front', () => {
		const phrases = labels.map((label) => ` ${words(label.replace(/^On /, ''))}`);
		const clashes = phrases.flatMap((phrase, i) =>
			phrases
				.filter((other, j) => i !== j && other.endsWith(phrase))
				.map((other) => `${other} ⊃ ${phrase}`),
		);
		expect(clashes).toEqual([]);
		expect(new Set(phrases).size).toBe(phrases.length);
	});
});

describe.each([
	['AIRudder Trigger', new AirudderTrigger()],
	['AIRudder Chatbot Trigger', new AirudderChatbotTrigger()],
])('%s: Include Unrecognised Callbacks as n8n resolves it', (_name, node) => {
	const resolve = (parameters: INode['parameters']) =>
		NodeHelpers.getNodeParameters(
			node.description.properties,
			parameters,
			true,
			false,
			null,
			node.description,
		)!.includeUnknown;
	const picked = (
		node.description.properties.find((p) => p.displayName === 'Events')!
			.options as INodePropertyOptions[]
	)[1].value as string;

	it('is on by default with every event (*), off once the picker (or the user) chose an event', () => {
		expect(resolve({})).toBe(true);
		expect(resolve({ events: ['*'] })).toBe(true);
		expect(resolve({ events: [picked] })).toBe(false);
		expect(resolve({ events: [picked], includeUnknown: true })).toBe(true);
		expect(resolve({ events: ['*'], includeUnknown: false })).toBe(false);
	});
});
