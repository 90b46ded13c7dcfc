import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * A streaming JSON reader for the QA upload (`POST task/recording`), whose body carries whole
 * audio files as base64 strings (a 200 MB WAV is a 267 MB body). Strings up to SMALL_STRING
 * characters are kept as values; a longer string is never held in memory: it becomes a
 * {@link LongString} summary (its length, whether it is standard base64, and the size, SHA-256 and
 * first bytes of what it decodes to). Everything else is plain JSON.
 */

/** Strings longer than this (characters) are summarised instead of kept. */
export const SMALL_STRING = 1 << 20;

/** What the reader keeps of a string longer than {@link SMALL_STRING}. */
export interface LongString {
	longString: true;
	chars: number;
	/** Standard base64 (RFC 4648 alphabet, `=` padding only at the end, length a multiple of 4). */
	base64: boolean;
	/** Size in bytes of the decoded data (when `base64`). */
	bytes: number;
	/** SHA-256 hex of the decoded data (when `base64`). */
	sha256: string;
	/** The first 64 decoded bytes (a WAV header), base64. */
	head: string;
}

export const isLongString = (value: unknown): value is LongString =>
	typeof value === 'object' && value !== null && (value as LongString).longString === true;

const BASE64_CHUNK = /^[A-Za-z0-9+/]*$/;

/** Accumulates a string's characters: kept while small, summarised once long. */
class StringSink {
	private parts: string[] = [];
	private chars = 0;
	private long = false;
	private hash = createHash('sha256');
	private pending = '';
	private valid = true;
	private padded = false;
	private decoded = 0;
	private head = Buffer.alloc(0);

	add(text: string): void {
		this.chars += text.length;
		if (!this.long) {
			this.parts.push(text);
			if (this.chars <= SMALL_STRING) return;
			this.long = true;
			const kept = this.parts.join('');
			this.parts = [];
			this.feed(kept);
			return;
		}
		this.feed(text);
	}

	private feed(text: string): void {
		if (!this.valid) return;
		let data = this.pending + text;
		const cut = data.length - (data.length % 4);
		this.pending = data.slice(cut);
		data = data.slice(0, cut);
		if (!data) return;
		if (this.padded) {
			this.valid = false;
			return;
		}
		const body = data.replace(/={1,2}$/, '');
		if (!BASE64_CHUNK.test(body) || data.length - body.length > 2) {
			this.valid = false;
			return;
		}
		if (body.length !== data.length) this.padded = true;
		const bytes = Buffer.from(data, 'base64');
		this.decoded += bytes.length;
		this.hash.update(bytes);
		if (this.head.length < 64)
			this.head = Buffer.concat([this.head, bytes.subarray(0, 64 - this.head.length)]);
	}

	value(): string | LongString {
		if (!this.long) return this.parts.join('');
		const base64 = this.valid && this.pending === '';
		return {
			longString: true,
			chars: this.chars,
			base64,
			bytes: base64 ? this.decoded : 0,
			sha256: base64 ? this.hash.digest('hex') : '',
			head: this.head.toString('base64'),
		};
	}
}

type Container =
	| { kind: 'object'; value: Record<string, unknown>; key?: string }
	| { kind: 'array'; value: unknown[] };

/**
 * Reads a JSON document from `source` (bytes, UTF-8) without keeping long strings.
 * @returns the parsed value, long strings summarised ({@link LongString}); `size` is the body's
 *   byte count.
 * @throws Error "not valid JSON: ..." on a syntax error; rejects when the stream fails.
 */
export async function readJsonStream(source: Readable): Promise<{ value: unknown; size: number }> {
	const stack: Container[] = [];
	let root: unknown;
	let done = false;
	let size = 0;
	let string: StringSink | undefined;
	let escape = false;
	let unicode = '';
	let literal = '';
	const fail = (why: string) => new Error(`not valid JSON: ${why} (at byte ${size})`);
	const put = (value: unknown) => {
		const top = stack[stack.length - 1];
		if (!top) {
			if (done) throw fail('more than one value');
			root = value;
			done = true;
		} else if (top.kind === 'array') top.value.push(value);
		else if (top.key === undefined) {
			if (typeof value !== 'string') throw fail('an object key must be a string');
			top.key = value;
		} else {
			top.value[top.key] = value;
			top.key = undefined;
		}
	};
	const endLiteral = () => {
		if (!literal) return;
		const text = literal;
		literal = '';
		if (text === 'true') return put(true);
		if (text === 'false') return put(false);
		if (text === 'null') return put(null);
		if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw fail(`unexpected "${text}"`);
		put(Number(text));
	};
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for await (const chunk of source as AsyncIterable<Buffer>) {
		size += chunk.length;
		const text = decoder.decode(chunk, { stream: true });
		let i = 0;
		while (i < text.length) {
			if (string) {
				if (unicode) {
					const need = 5 - unicode.length;
					unicode += text.slice(i, i + need);
					i += need;
					if (unicode.length === 5) {
						if (!/^u[0-9a-fA-F]{4}$/.test(unicode)) throw fail('bad \\u escape');
						string.add(String.fromCharCode(parseInt(unicode.slice(1), 16)));
						unicode = '';
					}
					continue;
				}
				if (escape) {
					const c = text[i++];
					escape = false;
					if (c === 'u') unicode = 'u';
					else {
						const map: Record<string, string> = {
							'"': '"',
							'\\': '\\',
							'/': '/',
							b: '\b',
							f: '\f',
							n: '\n',
							r: '\r',
							t: '\t',
						};
						if (!(c in map)) throw fail(`bad escape \\${c}`);
						string.add(map[c]);
					}
					continue;
				}
				const quote = text.indexOf('"', i);
				const backslash = text.indexOf('\\', i);
				let end = quote < 0 ? text.length : quote;
				if (backslash >= 0 && backslash < end) end = backslash;
				if (end > i) string.add(text.slice(i, end));
				i = end;
				if (i < text.length) {
					if (text[i] === '\\') escape = true;
					else {
						const value = string.value();
						string = undefined;
						put(value);
					}
					i++;
				}
				continue;
			}
			const c = text[i++];
			if (/[\w.+-]/.test(c)) {
				literal += c;
				continue;
			}
			endLiteral();
			if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ':' || c === ',') continue;
			if (c === '"') string = new StringSink();
			else if (c === '{') stack.push({ kind: 'object', value: {} });
			else if (c === '[') stack.push({ kind: 'array', value: [] });
			else if (c === '}' || c === ']') {
				const top = stack.pop();
				if (!top || (c === '}') !== (top.kind === 'object')) throw fail(`unexpected ${c}`);
				put(top.value);
			} else throw fail(`unexpected "${c}"`);
		}
	}
	endLiteral();
	if (string || stack.length || !done) throw fail('the body ends too early');
	return { value: root, size };
}

/** Standard base64 of a small string value (the sandbox's check of a short Recordingfile). */
export function summariseBase64(value: string): LongString {
	const valid = value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
	const bytes = valid ? Buffer.from(value, 'base64') : Buffer.alloc(0);
	return {
		longString: true,
		chars: value.length,
		base64: valid,
		bytes: bytes.length,
		sha256: valid ? createHash('sha256').update(bytes).digest('hex') : '',
		head: bytes.subarray(0, 64).toString('base64'),
	};
}
