import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	CHATBOT_EVENTS,
	VOICE_EVENTS,
	type EventWithExample as AirudderEvent,
} from '../../sandbox/callback-examples';
import { recogniseEvents } from '../../nodes/Airudder/trigger/recognition';
import { REFERENCE, SEEDS, withReference } from '../support/reference';

/**
 * The event catalogue against the reference files. js-yaml is not a project dependency, so the few
 * facts needed are read with line scans of the (fixed, generated) YAML layout.
 */

const VOICE_FILES = [
	'core-collection',
	'telemarketing-infocheck',
	'workflow',
	'leads-inbound-encryption',
	'qa',
];

/** The `webhooks:` section of a reference file, split into `key → text of that entry`. */
function webhookSections(file: string): Map<string, string> {
	const text = readFileSync(join(REFERENCE, `${file}.openapi.yaml`), 'utf8');
	const section = text.slice(text.indexOf('\nwebhooks:\n') + 11).split(/\n(?=\S)/)[0];
	const sections = new Map<string, string>();
	for (const part of section.split(/\n(?= {2}[A-Za-z0-9]+:\n)/)) {
		const key = /^ {2}([A-Za-z0-9]+):/.exec(part)?.[1];
		if (key) sections.set(key, part);
	}
	return sections;
}

/** The body schema's top-level `required:` list (the first one at schema indentation), if any. */
function requiredFields(section: string): string[] | undefined {
	const match = /\n( +)schema:\n(?:\1 {2}.*\n)*?\1 {2}required:\n((?:\1 {2}- .*\n)+)/.exec(section);
	return match?.[2]
		.split('\n')
		.filter(Boolean)
		.map((line) => line.trim().slice(2));
}

/** The `required:` list of `components.schemas.<name>` in a reference file. */
function componentRequired(file: string, name: string): string[] | undefined {
	const text = readFileSync(join(REFERENCE, `${file}.openapi.yaml`), 'utf8');
	const start = text.indexOf(`\n    ${name}:\n`);
	if (start < 0) return undefined;
	const schema = text.slice(start + 1).split(/\n(?= {4}\S)/)[0];
	return /\n {6}required:\n((?: {6}- .*\n)+)/
		.exec(`${schema}\n`)?.[1]
		.split('\n')
		.filter(Boolean)
		.map((line) => line.trim().slice(2));
}

/** Every string/number leaf of an example. */
function leaves(value: unknown): Array<string | number> {
	if (Array.isArray(value)) return value.flatMap(leaves);
	if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
	return typeof value === 'string' || typeof value === 'number' ? [value] : [];
}

const keysOf = (events: readonly AirudderEvent[]) => events.map((event) => event.key);

describe('trigger event catalogue', () => {
	withReference('has exactly one voice event per webhooks key of the four voice files', () => {
		const keys = VOICE_FILES.flatMap((file) => [...webhookSections(file).keys()]);
		expect(keys).toHaveLength(27);
		expect([...keysOf(VOICE_EVENTS)].sort()).toEqual([...keys].sort());
		for (const file of VOICE_FILES) {
			for (const key of webhookSections(file).keys()) {
				expect(
					VOICE_EVENTS.filter((event) => event.key === key).map((event) => event.file),
				).toEqual([file]);
			}
		}
	});

	withReference('has exactly one chatbot event per webhooks key of chatbot.openapi.yaml', () => {
		const keys = [...webhookSections('chatbot').keys()];
		expect(keys).toHaveLength(19);
		expect(keysOf(CHATBOT_EVENTS)).toEqual(keys);
		expect(CHATBOT_EVENTS.every((event) => event.file === 'chatbot')).toBe(true);
	});

	it('uses each key once across both triggers', () => {
		const all = [...keysOf(VOICE_EVENTS), ...keysOf(CHATBOT_EVENTS)];
		expect(new Set(all).size).toBe(all.length);
	});

	withReference('recognises by the documented required lists where the schema has one', () => {
		const sections = new Map([
			...webhookSections('workflow'),
			...webhookSections('leads-inbound-encryption'),
			...webhookSections('qa'),
		]);
		// The QA body schema is a $ref to components.schemas.QaCallback.
		expect(sections.get('qaRecordingReport')).toContain("$ref: '#/components/schemas/QaCallback'");
		expect(componentRequired('qa', 'QaCallback')).toEqual(['TaskID', 'Sign', 'QADetail']);
		for (const event of VOICE_EVENTS.filter(
			(e) => e.shape && !e.shape.basis.startsWith('the page has no field'),
		)) {
			expect({ key: event.key, fields: [...event.shape!.fields].sort() }).toEqual({
				key: event.key,
				fields: [
					...(requiredFields(sections.get(event.key)!) ??
						(event.file === 'qa'
							? componentRequired('qa', 'QaCallback')!
							: requiredFields(sections.get(mainTwin(event.key))!)!)),
				].sort(),
			});
		}
	});

	withReference('carries the WABA status example of seed 001 exactly', () => {
		const seed = readdirSync(SEEDS).find((name) => name.startsWith('001_'))!;
		const text = readFileSync(join(SEEDS, seed), 'utf8');
		const start = text.indexOf('{\n"workflow_id"');
		const example = JSON.parse(
			text.slice(start, text.indexOf('\n}\n示例代码', start) + 2),
		) as IDataObject;
		expect(
			VOICE_EVENTS.find((event) => event.key === 'workflowWabaMessageStatusChanged')!.example,
		).toEqual(example);
	});

	withReference('copies every value of every example from its reference entry', () => {
		for (const [events, files] of [
			[VOICE_EVENTS, ['workflow', 'qa']],
			[CHATBOT_EVENTS, ['chatbot']],
		] as const) {
			const sections = new Map(files.flatMap((file) => [...webhookSections(file)]));
			for (const event of events.filter((e) => e.example)) {
				const section = sections.get(event.key)!;
				const example = section.slice(section.indexOf('\n            example:\n'));
				for (const leaf of leaves(event.example))
					expect({ key: event.key, found: example.includes(String(leaf)) }).toEqual({
						key: event.key,
						found: true,
					});
			}
		}
	});

	it('recognises every example as its own event, unchanged', () => {
		for (const event of [...VOICE_EVENTS, ...CHATBOT_EVENTS].filter((e) => e.example)) {
			const body = structuredClone(event.example!);
			const catalogue = VOICE_EVENTS.includes(event) ? VOICE_EVENTS : CHATBOT_EVENTS;
			expect(recogniseEvents(body, catalogue)[0]).toBe(event.key);
			expect(body).toEqual(event.example);
		}
	});

	it('gives the same meaning in two files the same recognition', () => {
		const example = (key: string) => VOICE_EVENTS.find((event) => event.key === key)!.example!;
		expect(recogniseEvents(example('workflowPdsTaskStatusChanged'), VOICE_EVENTS)).toEqual([
			'workflowPdsTaskStatusChanged',
			'leadsGenPdsTaskStatusChanged',
		]);
		expect(recogniseEvents(example('workflowCustomApiNodePush'), VOICE_EVENTS)).toEqual([
			'workflowCustomApiNodePush',
			'leadsGenCustomApiDataPush',
		]);
	});

	it('leaves undocumented or incomplete payloads unknown', () => {
		const waba = VOICE_EVENTS.find(
			(event) => event.key === 'workflowWabaMessageStatusChanged',
		)!.example!;
		const { variables: _dropped, ...incomplete } = waba;
		expect(recogniseEvents(incomplete, VOICE_EVENTS)).toEqual([]);
		expect(
			recogniseEvents(
				{ TaskID: 'c3b6b04cd7f8d2b182d3fd20eed3d144', Status: 'finished' },
				VOICE_EVENTS,
			),
		).toEqual([]);
		expect(recogniseEvents({ type: 'SomethingElse', body: {} }, VOICE_EVENTS)).toEqual([]);
		expect(recogniseEvents({ event: 'message.read' }, CHATBOT_EVENTS)).toEqual([]);
		// A chatbot body is not a voice event and vice versa.
		expect(recogniseEvents(CHATBOT_EVENTS[0].example!, VOICE_EVENTS)).toEqual([]);
		expect(recogniseEvents(waba, CHATBOT_EVENTS)).toEqual([]);
	});

	it('has a doc URL for every voice event (or, for QA, which has no doc page, its source) and a description for every event', () => {
		for (const event of VOICE_EVENTS.filter((e) => e.file !== 'qa'))
			expect(event.docUrl).toMatch(/^https:\/\//);
		for (const event of VOICE_EVENTS.filter((e) => e.file === 'qa')) {
			expect(event.docUrl).toBeUndefined();
			expect(event.source).toMatch(/^No AIRudder doc page: .*collops_qa_automation/);
		}
		for (const event of [...VOICE_EVENTS, ...CHATBOT_EVENTS])
			expect(event.description.length).toBeGreaterThan(10);
	});
});

/** The Workflow entry a LeadsGeneration copy reuses the schema of (its own page was unreadable). */
function mainTwin(key: string): string {
	return key
		.replace('leadsGenCustomApiDataPush', 'workflowCustomApiNodePush')
		.replace('leadsGenPds', 'workflowPds');
}
