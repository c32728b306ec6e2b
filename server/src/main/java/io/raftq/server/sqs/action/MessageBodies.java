package io.raftq.server.sqs.action;

import io.raftq.server.sqs.SqsError;

/** What SQS accepts in a message body (and in attribute text): the characters XML 1.0 allows. Pure logic. */
public final class MessageBodies {
  private MessageBodies() {}

  /** Whether SQS text may hold code point {@code c} (a lone surrogate is not a character: not allowed). */
  static boolean allowed(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  /** Whether all of {@code text} is SQS text. */
  static boolean allowed(String text) {
    return text.codePoints().allMatch(MessageBodies::allowed);
  }

  /** @throws SqsError InvalidMessageContents naming the first character outside the allowed set */
  public static void checkCharacters(String text, String what) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!allowed(c)) {
        throw new SqsError(SqsError.Code.INVALID_MESSAGE_CONTENTS, what + " has the invalid character #x"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "; the set of allowed characters is #x9 | "
            + "#xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
      }
      i += Character.charCount(c);
    }
  }
}
