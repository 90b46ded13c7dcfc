/**
 * The allowlist's address parser (nodes/Airudder/helpers/ip.ts), which replaces Node's `net`
 * module in shipped code: the forms Node's `isIP` accepts and refuses, and CIDR matching.
 */
import { isIP } from 'node:net';

import { IpAllowlist, parseIp } from '../../nodes/Airudder/helpers/ip';

const ADDRESSES = [
	'0.0.0.0',
	'203.0.113.7',
	'255.255.255.255',
	'::',
	'::1',
	'2001:db8::',
	'2001:db8::8a2e:370:7334',
	'2001:0db8:0000:0000:0000:ff00:0042:8329',
	'fe80::1%eth0',
	'::ffff:192.0.2.128',
	'64:ff9b::192.0.2.33',
	'1:2:3:4:5:6:7:8',
];
const NOT_ADDRESSES = [
	'',
	'localhost',
	'256.1.1.1',
	'1.2.3',
	'1.2.3.4.5',
	'01.2.3.4',
	'1.2.3.4 ',
	':::',
	'1::2::3',
	'1:2:3:4:5:6:7:8:9',
	'1:2:3:4:5:6:7',
	'12345::',
	'g::1',
	'::ffff:300.1.1.1',
	'1.2.3.4::',
];

describe('parseIp', () => {
	it('accepts exactly the addresses Node accepts', () => {
		for (const address of ADDRESSES) {
			expect([address, isIP(address) !== 0]).toEqual([address, true]);
			expect([address, parseIp(address)?.version]).toEqual([address, isIP(address)]);
		}
		for (const text of NOT_ADDRESSES) {
			expect([text, isIP(text)]).toEqual([text, 0]);
			expect([text, parseIp(text)]).toEqual([text, undefined]);
		}
	});

	it('reads IPv4 as its IPv4-mapped IPv6 value and expands "::"', () => {
		expect(parseIp('192.0.2.128')?.value).toBe(parseIp('::ffff:c000:280')?.value);
		expect(parseIp('2001:db8::1')?.value).toBe(parseIp('2001:db8:0:0:0:0:0:1')?.value);
		expect(parseIp('::1')?.value).toBe(1n);
	});
});

describe('IpAllowlist', () => {
	it('matches a range on its prefix bits only', () => {
		const list = new IpAllowlist([{ network: parseIp('2001:db8::')!.value, prefix: 32 }]);
		expect(list.check('2001:db8:ffff:ffff::1')).toBe(true);
		expect(list.check('2001:db9::')).toBe(false);
		expect(list.check('not an address')).toBe(false);
		expect(new IpAllowlist([{ network: 0n, prefix: 0 }]).check('8.8.8.8')).toBe(true);
	});
});
