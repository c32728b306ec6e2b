package io.raftq.protocol;

/** One message header. Headers keep the order the producer gave them; names may repeat. */
public record Header(String name, String value) {
  public Header {
    if (name == null || value == null) {
      throw new IllegalArgumentException("header name and value must not be null");
    }
  }
}
