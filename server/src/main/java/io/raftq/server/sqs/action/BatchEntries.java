package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.raftq.server.sqs.SqsError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every SQS batch request follows, and how a batch reports one entry's failure. Pure logic. */
final class BatchEntries {
  static final int MAX_ENTRIES = 10;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private BatchEntries() {}

  /** The entries, checked for count, id shape and distinct ids (errors for the whole request). */
  static List<Params> check(Params request, String entryName) {
    List<Params> entries = request.objects("Entries");
    if (entries.isEmpty()) {
      throw new SqsError(SqsError.Code.EMPTY_BATCH_REQUEST, "There should be at least one " + entryName
          + " in the request.");
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new SqsError(SqsError.Code.TOO_MANY_ENTRIES_IN_BATCH_REQUEST, "Maximum number of entries per request "
          + "are " + MAX_ENTRIES + ". You have sent " + entries.size() + ".");
    }
    Set<String> seen = new HashSet<>();
    for (Params e : entries) {
      String id = e.optionalString("Id");
      if (id == null || !ID.matcher(id).matches()) {
        throw new SqsError(SqsError.Code.INVALID_BATCH_ENTRY_ID, "A batch entry id can only contain alphanumeric "
            + "characters, hyphens and underscores. It can be at most 80 letters long.");
      }
      if (!seen.add(id)) {
        throw new SqsError(SqsError.Code.BATCH_ENTRY_IDS_NOT_DISTINCT, "Id " + id + " repeated.");
      }
    }
    return entries;
  }

  static void fail(ArrayNode failed, String id, SqsError error) {
    failed.addObject().put("Id", id).put("SenderFault", error.code().senderFault)
        .put("Code", error.code().queryCode).put("Message", error.getMessage());
  }
}
