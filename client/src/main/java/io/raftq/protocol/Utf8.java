package io.raftq.protocol;

/**
 * UTF-8 lengths without encoding: limit checks and batch sizing run for every message on the send path, on the
 * client and again on the node, and {@code getBytes} would allocate a copy of every id, key and header each time.
 */
public final class Utf8 {
  private Utf8() {}

  /** What {@code s.getBytes(UTF_8).length} would be (an unpaired surrogate encodes as one {@code '?'}); 0 for null. */
  public static int length(String s) {
    if (s == null) {
      return 0;
    }
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
