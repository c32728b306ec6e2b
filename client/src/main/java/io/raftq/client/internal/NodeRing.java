package io.raftq.client.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The node addresses the client knows (bootstrap plus leaders learned since), handed out round-robin. */
final class NodeRing {
  private final List<String> addresses;
  private final AtomicInteger next = new AtomicInteger();

  NodeRing(List<String> bootstrap) {
    this.addresses = new CopyOnWriteArrayList<>(bootstrap);
  }

  /** The next address in turn; successive calls walk the whole ring. */
  String next() {
    return addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
  }

  /** Adds an address learned from a leader hint (so "next node" can reach it later). */
  void learn(String address) {
    if (address != null && !addresses.contains(address)) {
      addresses.add(address);
    }
  }
}
