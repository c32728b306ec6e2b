package io.raftq.server.sqs.action;

import io.raftq.protocol.Receipt;
import io.raftq.server.sqs.SqsError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * SQS receipt handles: a raftq receipt (partition, offset and lease epoch) in URL-safe base64. The epoch grows with
 * every lease, so each receive of a message gets a new handle, as in SQS. Pure logic.
 */
public final class ReceiptHandles {
  private static final String VERSION = "rq1:";

  private ReceiptHandles() {}

  public static String encode(Receipt receipt) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + receipt.encode()).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws SqsError ReceiptHandleIsInvalid when the handle is not one this gateway gave out */
  public static Receipt decode(String handle) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(handle.trim()), StandardCharsets.UTF_8);
      if (!text.startsWith(VERSION)) {
        throw new IllegalArgumentException("no version");
      }
      return Receipt.parse(text.substring(VERSION.length()));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SqsError(SqsError.Code.RECEIPT_HANDLE_IS_INVALID, "The input receipt handle \"" + handle
          + "\" is not a valid receipt handle.");
    }
  }
}
