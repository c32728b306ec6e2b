package io.raftq.protocol;

/**
 * Proof of one delivery of one message: its partition, offset and the lease epoch (fencing token) granted with
 * it. Text form {@code <partition>-<offset>-<epoch>} is what users see and pass back to ack/nack.
 */
public record Receipt(int partition, long offset, long epoch) {

  public Receipt {
    if (partition < 0 || offset < 0 || epoch < 0) {
      throw new IllegalArgumentException("receipt fields must be non-negative");
    }
  }

  public String encode() {
    return partition + "-" + offset + "-" + epoch;
  }

  /** Parses the text form; throws {@link IllegalArgumentException} with a readable message when malformed. */
  public static Receipt parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("-");
    if (parts.length != 3) {
      throw new IllegalArgumentException("malformed receipt '" + text + "': expected <partition>-<offset>-<epoch>");
    }
    try {
      return new Receipt(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed receipt '" + text + "': expected <partition>-<offset>-<epoch>");
    }
  }

  @Override
  public String toString() {
    return encode();
  }
}
