/** Test helpers of the QA tests: WAV files (the receiver of reports is test/support/receiver.ts). */

/** The 44-byte header of a 16-bit stereo 8 kHz PCM WAV whose data has `dataBytes` bytes. */
export function wavHeader(dataBytes: number): Buffer {
	const head = Buffer.alloc(44);
	head.write('RIFF', 0, 'latin1');
	head.writeUInt32LE(36 + dataBytes, 4);
	head.write('WAVEfmt ', 8, 'latin1');
	head.writeUInt32LE(16, 16);
	head.writeUInt16LE(1, 20);
	head.writeUInt16LE(2, 22);
	head.writeUInt32LE(8000, 24);
	head.writeUInt32LE(32_000, 28);
	head.writeUInt16LE(4, 32);
	head.writeUInt16LE(16, 34);
	head.write('data', 36, 'latin1');
	head.writeUInt32LE(dataBytes, 40);
	return head;
}

/**
 * A WAV of `seconds` (32,000 bytes a second) whose samples come from `seed`: the same arithmetic
 * as the Code node of examples/qa-negative-words.json, so a test can check what it uploaded.
 */
export function exampleWav(seconds: number, seed: number): Buffer {
	const file = Buffer.concat([wavHeader(seconds * 32_000), Buffer.alloc(seconds * 32_000)]);
	for (let i = 44; i < file.length; i++) file[i] = (i * seed + (i >> 8)) & 0xff;
	return file;
}
