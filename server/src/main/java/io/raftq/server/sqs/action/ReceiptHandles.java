package io.raftq.server.sqs.action;

import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Receipt;
import io.raftq.server.sqs.SqsError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * SQS receipt handles: a raftq receipt (partition, offset and lease epoch) with the queue it belongs to (name and
 * creation time, so a queue deleted and made again does not take its predecessor's handles), in URL-safe base64.
 * The epoch grows with every lease, so each receive of a message gets a new handle, as in SQS; the queue part keeps
 * a handle of one queue from settling the message at the same place in another. Pure logic.
 */
public final class ReceiptHandles {
  private static final String VERSION = "rq1";

  private ReceiptHandles() {}

  public static String encode(QueueInfo queue, Receipt receipt) {
    String text = String.join(":", VERSION, queue.name(), Long.toString(queue.createdAtMs()), receipt.encode());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws SqsError ReceiptHandleIsInvalid when the handle is not one this queue gave out */
  public static Receipt decode(QueueInfo queue, String handle) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(handle.trim()), StandardCharsets.UTF_8).split(":");
      if (parts.length == 4 && parts[0].equals(VERSION) && parts[1].equals(queue.name())
          && parts[2].equals(Long.toString(queue.createdAtMs()))) {
        return Receipt.parse(parts[3]);
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // answered below
    }
    throw new SqsError(SqsError.Code.RECEIPT_HANDLE_IS_INVALID, "The input receipt handle \"" + handle
        + "\" is not a valid receipt handle (for this queue).");
  }
}
