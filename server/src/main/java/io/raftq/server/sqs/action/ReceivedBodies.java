package io.raftq.server.sqs.action;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A stored payload as an SQS body. Messages sent through SQS are UTF-8 text; one a raftq producer sent may be any
 * bytes, so what is not valid UTF-8 or not allowed in SQS text (XML 1.0's characters) shows as U+FFFD, and the
 * MD5 is of the text actually answered. Pure logic.
 */
final class ReceivedBodies {
  private ReceivedBodies() {}

  static String text(byte[] payload) {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      s = new String(payload, StandardCharsets.UTF_8);
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      boolean ok = MessageBodies.allowed(c);
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(ok ? s.substring(i, i + n) : "\uFFFD");
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }

}
