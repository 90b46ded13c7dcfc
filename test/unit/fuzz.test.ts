/**
 * Property-based tests (fast-check) of the pure helpers that every request goes through:
 * - contact mapping (helpers/contacts.ts): compact, chunk and assignDetailErrors never drop or
 *   duplicate a contact or an error, and indices stay in range;
 * - the AES codec (helpers/aes.ts): decrypt ∘ encrypt = identity for any Unicode text, the
 *   ciphertext is 16·(⌊n/16⌋+1) bytes for n UTF-8 bytes, and it equals the sandbox's independent
 *   crypto-js codec (sandbox/aes.ts) in both directions;
 * - validation (actions/voice/task/validation.ts, chatbot payload.ts) never throws on arbitrary input.
 */
import { createDecipheriv } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { prepareReceiver } from '../../nodes/Airudder/actions/chatbot/templateMessage/payload';
import { aesDecrypt, aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';
import {
	assignDetailErrors,
	chunk,
	compact,
	type DetailError,
} from '../../nodes/Airudder/helpers/contacts';
import { contactProblem, taskProblem } from '../../nodes/Airudder/actions/voice/task/validation';
import { sandboxDecrypt, sandboxEncrypt, sandboxSign } from '../../sandbox/aes';

const RUNS = { numRuns: 300 };

/** Any Unicode text (every code point except lone surrogates, which UTF-8 cannot carry). */
const unicode = fc.string({ unit: 'binary', maxLength: 80 });
/** Text that survives zero padding: it does not end in U+0000 (the docs strip every trailing 0x00). */
const plaintext = unicode.filter((s) => !s.endsWith('\u0000'));
/** AES keys: 16, 24 or 32 UTF-8 bytes, ASCII or multi-byte. */
const key = fc
	.oneof(
		fc.constantFrom(16, 24, 32).chain((n) =>
			fc.string({
				unit: fc.constantFrom(
					...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#',
				),
				minLength: n,
				maxLength: n,
			}),
		),
		fc.constantFrom(
			'airudderredduria',
			'éééééééé',
			'😀😀😀😀',
			'ключключключключ',
			'密钥密钥密钥密钥密钥'.slice(0, 8),
		),
	)
	.filter((k) => [16, 24, 32].includes(Buffer.byteLength(k)));
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');
const cipherLength = (b64: string) => Buffer.from(b64, 'base64').length;

describe('contact mapping never drops or duplicates a contact', () => {
	it('chunk: the chunks concatenate to the list, each 1..size long, ⌈n/size⌉ of them', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer(), { maxLength: 300 }),
				fc.integer({ min: 1, max: 50 }),
				(list, size) => {
					const chunks = chunk(list, size);
					expect(chunks.flat()).toEqual(list);
					expect(chunks).toHaveLength(Math.ceil(list.length / size));
					for (const part of chunks) expect(part.length >= 1 && part.length <= size).toBe(true);
				},
			),
			RUNS,
		);
	});

	it('chunk of 10,000-sized batches keeps every contact object (identity, order)', () => {
		const contacts = Array.from({ length: 25_001 }, (_, i) => ({ Mobile: `+62${i}` }));
		const chunks = chunk(contacts, 10_000);
		expect(chunks.map((c) => c.length)).toEqual([10_000, 10_000, 5_001]);
		expect(chunks.flat().every((c, i) => c === contacts[i])).toBe(true);
	});

	it('compact: keeps exactly the keys whose value is not undefined/null/blank, trims strings, keeps the rest as is; a __proto__ key is dropped', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'callee')),
					fc.oneof(
						fc.string(),
						fc.constantFrom(undefined, null, '', '  ', ' x '),
						fc.double(),
						fc.boolean(),
						fc.jsonValue(),
					),
				),
				(fields) => {
					const result = compact(fields as IDataObject);
					for (const [k, v] of Object.entries(fields)) {
						const blank =
							v === undefined ||
							v === null ||
							(typeof v === 'string' && v.trim() === '') ||
							k === '__proto__';
						if (blank) expect(Object.prototype.hasOwnProperty.call(result, k)).toBe(false);
						else expect(result[k]).toEqual(typeof v === 'string' ? v.trim() : v);
					}
					for (const k of Object.keys(result))
						expect(Object.prototype.hasOwnProperty.call(fields, k)).toBe(true);
					expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
				},
			),
			RUNS,
		);
	});

	it('assignDetailErrors: every entry lands exactly once, on an index in range that it names, else in unmatched', () => {
		const field = fc.oneof(
			fc.nat({ max: 60 }).map((n) => `Details[${n}]`),
			fc.nat({ max: 60 }).map((n) => `Details[${n}].Mobile`),
			fc.constantFrom('Details[-1]', 'Details[]', 'Details[1e3]', 'TaskName', '', 'details[2]'),
			fc.string(),
		);
		const entry = fc.record(
			{ field: fc.option(field, { nil: undefined }), msg: fc.string() },
			{ requiredKeys: ['msg'] },
		);
		fc.assert(
			fc.property(
				fc.option(fc.array(entry, { maxLength: 40 }), { nil: undefined }),
				fc.nat({ max: 50 }),
				(errors, count) => {
					const { byIndex, unmatched } = assignDetailErrors(
						errors as DetailError[] | undefined,
						count,
					);
					const placed = [...[...byIndex.values()].flat(), ...unmatched];
					expect(placed).toHaveLength(errors?.length ?? 0);
					for (const e of errors ?? []) expect(placed.filter((p) => p === e)).toHaveLength(1);
					for (const [index, list] of byIndex) {
						expect(Number.isInteger(index) && index >= 0 && index < count).toBe(true);
						for (const e of list)
							expect(/Details\[(\d+)\]/.exec(String(e.field))?.[1]).toBe(String(index));
					}
					for (const e of unmatched) {
						const named = /Details\[(\d+)\]/.exec(String(e.field ?? ''));
						expect(named === null || Number(named[1]) >= count).toBe(true);
					}
				},
			),
			RUNS,
		);
	});
});

describe('AES codec (zero padding, ECB, base64)', () => {
	it('decrypt(encrypt(s)) = s for any Unicode text that does not end in U+0000', () => {
		fc.assert(
			fc.property(plaintext, key, (s, k) => expect(aesDecrypt(aesEncrypt(s, k), k)).toBe(s)),
			RUNS,
		);
	});

	it('the ciphertext is 16·(⌊n/16⌋+1) bytes for n UTF-8 bytes (1–16 bytes of padding, never 0)', () => {
		fc.assert(
			fc.property(unicode, key, (s, k) =>
				expect(cipherLength(aesEncrypt(s, k))).toBe(16 * (Math.floor(utf8Length(s) / 16) + 1)),
			),
			RUNS,
		);
	});

	it.each<[string, number, string]>([
		['0 bytes', 16, ''],
		['15 bytes', 16, 'x'.repeat(15)],
		['16 bytes', 32, 'x'.repeat(16)],
		['17 bytes', 32, 'x'.repeat(17)],
		['15 bytes: 7 two-byte characters + 1', 16, `${'é'.repeat(7)}x`],
		['16 bytes: 4 four-byte characters', 32, '😀'.repeat(4)],
		['17 bytes: 5 three-byte characters + 2', 32, `${'密'.repeat(5)}xx`],
		['16 bytes: 6 two-byte characters + 4', 32, `${'ü'.repeat(6)}abcd`],
	])(
		'padding edge case, %s → %d bytes of ciphertext; round trip; equal to the sandbox codec',
		(_label, expected, s) => {
			const k = 'airudderredduria';
			const c = aesEncrypt(s, k);
			expect(cipherLength(c)).toBe(expected);
			expect(
				Buffer.from(aesDecryptRaw(c, k))
					.subarray(utf8Length(s))
					.every((b) => b === 0),
			).toBe(true);
			expect(aesDecrypt(c, k)).toBe(s);
			expect(c).toBe(sandboxEncrypt(s, k));
			expect(sandboxDecrypt(c, k)).toBe(s);
		},
	);

	it('trailing U+0000 characters are lost, as with the docs\' rstrip(b"\\0") (both codecs agree)', () => {
		fc.assert(
			fc.property(plaintext, fc.integer({ min: 1, max: 20 }), key, (s, zeros, k) => {
				const c = aesEncrypt(s + '\u0000'.repeat(zeros), k);
				expect(aesDecrypt(c, k)).toBe(s);
				expect(sandboxDecrypt(c, k)).toBe(s);
			}),
			{ numRuns: 100 },
		);
	});

	it('equals the sandbox codec (crypto-js) in both directions, and the signatures match', () => {
		fc.assert(
			fc.property(plaintext, key, (s, k) => {
				const ours = aesEncrypt(s, k);
				expect(ours).toBe(sandboxEncrypt(s, k));
				expect(sandboxDecrypt(ours, k)).toBe(s);
				expect(aesDecrypt(sandboxEncrypt(s, k), k)).toBe(s);
				expect(aesSignature(s)).toBe(sandboxSign(s));
			}),
			RUNS,
		);
	});

	it('refuses keys that are not 16/24/32 UTF-8 bytes and ciphertexts that are not whole blocks, with a RangeError', () => {
		fc.assert(
			fc.property(
				unicode.filter((k) => ![16, 24, 32].includes(utf8Length(k))),
				(k) => expect(() => aesEncrypt('x', k)).toThrow(RangeError),
			),
			RUNS,
		);
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 100 }).filter((b) => b.length % 16 !== 0),
				(bytes) =>
					expect(() =>
						aesDecrypt(Buffer.from(bytes).toString('base64'), 'airudderredduria'),
					).toThrow(RangeError),
			),
			RUNS,
		);
	});
});

/** Decrypts without stripping the padding (to see the padding bytes). */
function aesDecryptRaw(ciphertext: string, k: string): Uint8Array {
	const d = createDecipheriv('aes-128-ecb', Buffer.from(k, 'utf8'), null);
	d.setAutoPadding(false);
	return Buffer.concat([d.update(Buffer.from(ciphertext, 'base64')), d.final()]);
}

describe('validation never throws on arbitrary input', () => {
	const problemShape = (p: unknown) =>
		p === undefined ||
		(typeof p === 'object' &&
			p !== null &&
			typeof (p as IDataObject).field === 'string' &&
			typeof (p as IDataObject).message === 'string');

	it('contactProblem: any JSON item (what n8n items hold) → undefined or {field, message}', () => {
		const contact = fc.oneof(
			fc.dictionary(fc.string(), fc.jsonValue()),
			fc.record(
				{
					Mobile: fc.jsonValue(),
					Platform: fc.jsonValue(),
					Customer: fc.jsonValue(),
					Comments: fc.jsonValue(),
					Gender: fc.jsonValue(),
				},
				{ requiredKeys: [] },
			),
			fc.record({
				Mobile: fc.stringMatching(/^\+\d{1,15}$/),
				Platform: fc.string({ minLength: 1 }),
				Customer: unicode,
				Comments: unicode,
				Gender: fc.oneof(fc.constantFrom('male', 'female'), fc.string()),
			}),
		);
		fc.assert(
			fc.property(contact, (c) =>
				expect(problemShape(contactProblem(c as IDataObject))).toBe(true),
			),
			{ numRuns: 1000 },
		);
	});

	it('taskProblem: any values of the declared types, any schedule text, any documented zone', () => {
		const timeText = fc.oneof(
			fc.string(),
			fc.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			fc.constant(undefined),
		);
		const task = fc.record({
			TaskName: unicode,
			RobotID: fc.string(),
			SIPLine: fc.string(),
			Type: fc.string(),
			Perform: fc.oneof(fc.integer(), fc.double()),
			RepeatNumber: fc.oneof(fc.integer(), fc.double()),
			RepeatInterval: fc.oneof(fc.integer(), fc.double()),
			StartImmediately: fc.option(fc.boolean(), { nil: undefined }),
			ScheduleStartTime: timeText,
			ScheduleEndTime: timeText,
			RobotMethod: fc.option(fc.string(), { nil: undefined }),
		});
		const zone = fc.constantFrom(
			'Asia/Manila',
			'Asia/Jakarta',
			'Asia/Kolkata',
			'America/Mexico_City',
			'UTC',
		);
		const now = fc.date({
			min: new Date('2000-01-01'),
			max: new Date('2100-01-01'),
			noInvalidDate: true,
		});
		fc.assert(
			fc.property(task, zone, now, (t, z, n) =>
				expect(problemShape(taskProblem(t, z, n))).toBe(true),
			),
			{ numRuns: 1000 },
		);
	});

	it('prepareReceiver: any strings and any JSON object of custom fields', () => {
		const input = fc.record({
			templateId: fc.oneof(fc.string(), fc.nat().map(String)),
			channelId: fc.string(),
			receiverId: fc.string(),
			variables: fc.array(
				fc.record(
					{ name: fc.option(fc.string(), { nil: undefined }), value: fc.jsonValue() },
					{ requiredKeys: [] },
				),
			),
			robotId: fc.oneof(fc.string(), fc.nat().map(String)),
			robotVersionId: fc.oneof(fc.string(), fc.nat().map(String)),
			extraCustom: fc.dictionary(fc.string(), fc.jsonValue()),
		});
		fc.assert(
			fc.property(input, (i) => {
				const result = prepareReceiver(i as Parameters<typeof prepareReceiver>[0]);
				if ('message' in result) expect(problemShape(result)).toBe(true);
				else expect(() => JSON.parse(result.custom) as unknown).not.toThrow();
			}),
			{ numRuns: 1000 },
		);
	});

	// A value String() cannot convert must still give the Gender problem, not a TypeError.
	it('contactProblem with Gender {"toString": 1} returns the Gender problem', () => {
		const gender = JSON.parse('{"toString": 1}') as IDataObject;
		expect(contactProblem({ Mobile: '+6212341234', Platform: 'P', Gender: gender })?.field).toBe(
			'Gender',
		);
	});
});
