/**
 * IP addresses and CIDR ranges for the triggers' sender allowlist, without Node's `net` module
 * (n8n Cloud allows only `crypto` among the built-ins).
 *
 * Every address is handled as a 128-bit number: IPv6 as it is, IPv4 as its IPv4-mapped IPv6 form
 * (`::ffff:a.b.c.d`), so an IPv4 entry also matches the mapped form dual-stack servers report.
 */

/** `::ffff:0:0`, the prefix of IPv4-mapped IPv6 addresses. */
const IPV4_MAPPED = 0xffffn << 32n;

function parseIpv4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0n;
	for (const part of parts) {
		// Decimal only, no leading zeros (they read as octal in some parsers).
		if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
		value = (value << 8n) | BigInt(part);
	}
	return value;
}

/** The 16-bit groups of one side of `::`; a dotted IPv4 address may end the address. */
function ipv6Groups(text: string, last: boolean): number[] | undefined {
	if (!text) return [];
	const groups: number[] = [];
	const parts = text.split(':');
	for (const [index, part] of parts.entries()) {
		if (last && index === parts.length - 1 && part.includes('.')) {
			const ipv4 = parseIpv4(part);
			if (ipv4 === undefined) return undefined;
			groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
		} else if (/^[0-9a-f]{1,4}$/i.test(part)) {
			groups.push(parseInt(part, 16));
		} else {
			return undefined;
		}
	}
	return groups;
}

function parseIpv6(text: string): bigint | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const head = ipv6Groups(halves[0], halves.length === 1);
	const tail = halves.length === 2 ? ipv6Groups(halves[1], true) : [];
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	// Without "::" all 8 groups are written; "::" stands for at least one zero group.
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	const groups = [
		...head,
		...new Array<number>(halves.length === 1 ? 0 : missing).fill(0),
		...tail,
	];
	return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/**
 * Parses an IPv4 or IPv6 address (an IPv6 zone such as `%eth0` is ignored).
 * @returns the address as a 128-bit number (IPv4 mapped to `::ffff:a.b.c.d`) and its family, or
 *   `undefined` when `text` is not an address.
 */
export function parseIp(text: string): { value: bigint; version: 4 | 6 } | undefined {
	const address = text.split('%')[0];
	if (address.includes(':')) {
		const value = parseIpv6(address);
		return value === undefined ? undefined : { value, version: 6 };
	}
	const value = parseIpv4(address);
	return value === undefined ? undefined : { value: IPV4_MAPPED | value, version: 4 };
}

/** An address or CIDR range: `network` as from {@link parseIp}, `prefix` counted on 128 bits. */
interface IpRange {
	network: bigint;
	prefix: number;
}

/** A set of addresses and CIDR ranges (the triggers' sender allowlist). */
export class IpAllowlist {
	constructor(private readonly ranges: readonly IpRange[]) {}

	/** Whether `ip` is in one of the ranges (`false` for anything that is not an address). */
	check(ip: string): boolean {
		const address = parseIp(ip);
		if (!address) return false;
		return this.ranges.some(({ network, prefix }) => {
			const shift = BigInt(128 - prefix);
			return address.value >> shift === network >> shift;
		});
	}
}
