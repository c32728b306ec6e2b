package io.raftq.client.internal;

import java.net.InetSocketAddress;

/** Parses {@code host:port} client addresses (IPv6 hosts in brackets: {@code [::1]:9091}). */
public final class Addresses {
  private Addresses() {}

  /** An unresolved socket address; throws IllegalArgumentException naming the bad input. */
  public static InetSocketAddress parse(String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("address '" + address + "' must be host:port");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address '" + address + "' must be host:port with a numeric port");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("address '" + address + "': port must be in [1, 65535]");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }
}
