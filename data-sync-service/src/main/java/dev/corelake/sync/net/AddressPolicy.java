package dev.corelake.sync.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which network addresses a URL source may connect to. Refused unless explicitly allowed:
 * loopback, unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), shared
 * (100.64/10), link-local (169.254/16 with the cloud metadata address, fe80::/10),
 * multicast, benchmarking (198.18/15), reserved (240/4, 0/8), and IPv6 forms that embed
 * an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) whose IPv4 address is
 * refused.
 *
 * @author Corelake
 */
public final class AddressPolicy {

	private static final List<Cidr> SPECIAL = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"),
			Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"),
			Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"),
			Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
			Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"), Cidr.parse("::/128"),
			Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"), Cidr.parse("fec0::/10"),
			Cidr.parse("ff00::/8"), Cidr.parse("2001:db8::/32"));

	private final boolean allowPrivate;

	private final List<Cidr> allowed;

	/**
	 * Creates the policy.
	 * @param allowPrivate whether special-purpose addresses are allowed at all
	 * @param allowedNetworks networks allowed although special (CIDR notation)
	 */
	public AddressPolicy(boolean allowPrivate, List<String> allowedNetworks) {
		this.allowPrivate = allowPrivate;
		List<Cidr> networks = new ArrayList<>();
		for (String network : allowedNetworks) {
			networks.add(Cidr.parse(network));
		}
		this.allowed = List.copyOf(networks);
	}

	/**
	 * Whether an address may be connected to.
	 * @param address the address
	 * @return {@code true} when allowed
	 */
	public boolean allows(InetAddress address) {
		if (this.allowPrivate) {
			return true;
		}
		for (Cidr network : this.allowed) {
			if (network.contains(address)) {
				return true;
			}
		}
		return !isSpecial(address);
	}

	/**
	 * Whether an address is special-purpose (not a public unicast address).
	 * @param address the address
	 * @return {@code true} when special
	 */
	static boolean isSpecial(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		for (Cidr network : SPECIAL) {
			if (network.contains(address)) {
				return true;
			}
		}
		if (address instanceof Inet6Address) {
			InetAddress embedded = embeddedIpv4(address.getAddress());
			return embedded != null && isSpecial(embedded);
		}
		return false;
	}

	/**
	 * The IPv4 address an IPv6 address carries, if any: IPv4-compatible (::a.b.c.d),
	 * IPv4-mapped (::ffff:a.b.c.d, which Java mostly turns into IPv4 already), NAT64
	 * (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32, inverted).
	 */
	private static InetAddress embeddedIpv4(byte[] v6) {
		try {
			boolean zeroPrefix = true;
			for (int i = 0; i < 10; i++) {
				zeroPrefix &= v6[i] == 0;
			}
			if (zeroPrefix && ((v6[10] == 0 && v6[11] == 0) || (v6[10] == (byte) 0xff && v6[11] == (byte) 0xff))) {
				return Inet4Address.getByAddress(new byte[] { v6[12], v6[13], v6[14], v6[15] });
			}
			if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b) {
				return Inet4Address.getByAddress(new byte[] { v6[12], v6[13], v6[14], v6[15] });
			}
			if (v6[0] == 0x20 && v6[1] == 0x02) {
				return Inet4Address.getByAddress(new byte[] { v6[2], v6[3], v6[4], v6[5] });
			}
			if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0) {
				return Inet4Address
					.getByAddress(new byte[] { (byte) ~v6[12], (byte) ~v6[13], (byte) ~v6[14], (byte) ~v6[15] });
			}
			return null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * A network in CIDR notation.
	 *
	 * @param network the network's address bytes
	 * @param prefix prefix length
	 */
	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String cidr) {
			int slash = cidr.indexOf('/');
			String host = (slash < 0) ? cidr.trim() : cidr.substring(0, slash).trim();
			if (!host.matches("[0-9a-fA-F:.]+")) {
				throw new IllegalArgumentException("'" + cidr + "' is not a network in CIDR notation");
			}
			try {
				byte[] address = InetAddress.getByName(host).getAddress();
				int prefix = (slash < 0) ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
				if (prefix < 0 || prefix > address.length * 8) {
					throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
				}
				return new Cidr(address, prefix);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("'" + cidr + "' is not a network in CIDR notation", ex);
			}
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int full = this.prefix / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[full] & mask) == (this.network[full] & mask);
		}

	}

}
