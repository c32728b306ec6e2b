package io.raftq.chaos.history;

/** The operation names ({@code f}) the workload records and the checkers read. */
public final class Fn {
  public static final String SEND = "send";
  public static final String RECEIVE = "receive";
  public static final String DRAIN = "drain";
  public static final String ACK = "ack";
  public static final String NACK = "nack";
  /** A stream group's offset commit in one partition. */
  public static final String COMMIT = "commit";
  /** A stream group's read of one partition from an offset (it leases nothing). */
  public static final String STREAM_READ = "stream-read";
  /** The final per-replica convergence probe. */
  public static final String STATUS = "status";
  /** Nemesis: a fault begins. */
  public static final String FAULT = "fault";
  /** Nemesis: the fault of the same nemesis name ends (nodes restarted, links healed, clocks reset). */
  public static final String HEAL = "heal";

  private Fn() {}

  /** Whether {@code f} delivers messages (a receive or the final drain). */
  public static boolean isDelivery(String f) {
    return RECEIVE.equals(f) || DRAIN.equals(f);
  }
}
