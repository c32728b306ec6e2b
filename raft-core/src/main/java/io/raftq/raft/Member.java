package io.raftq.raft;

/** A cluster node: its id, the address Raft peers reach it at and the address clients reach it at. */
public record Member(String id, HostPort raftAddress, HostPort clientAddress) {

  /** Parses {@code ID=RAFTHOST:RAFTPORT/CLIENTHOST:CLIENTPORT}. */
  public static Member parse(String spec) {
    int eq = spec.indexOf('=');
    int slash = spec.indexOf('/');
    if (eq <= 0 || slash < eq) {
      throw new IllegalArgumentException(
          "bad peer '" + spec + "': expected ID=RAFTHOST:RAFTPORT/CLIENTHOST:CLIENTPORT");
    }
    return new Member(
        spec.substring(0, eq),
        HostPort.parse(spec.substring(eq + 1, slash)),
        HostPort.parse(spec.substring(slash + 1)));
  }

  @Override
  public String toString() {
    return id + "=" + raftAddress + "/" + clientAddress;
  }
}
