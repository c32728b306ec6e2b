package io.raftq.server.sqs.action;

import io.raftq.server.sqs.SqsError;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * SQS's names for a queue: its URL ({@code http://HOST/ACCOUNT/NAME}, HOST being the node the caller reached) and
 * ARN ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}). Any raftq queue name is a valid SQS name here: raftq's rule
 * (letters, digits, '.', '_', '-', up to 200) takes in SQS's (up to 80, '.' only in the ".fifo" suffix). Pure.
 */
public record QueueAddress(String region, String accountId) {
  private static final Pattern SQS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}");

  public String url(String host, String queue) {
    return "http://" + host + "/" + accountId + "/" + queue;
  }

  public String arn(String queue) {
    return "arn:aws:sqs:" + region + ":" + accountId + ":" + queue;
  }

  /** The queue a URL names: its last path segment (any host, as long as the path is {@code /ACCOUNT/NAME}). */
  public static String queueOfUrl(String url) {
    String path;
    try {
      path = url.contains("://") ? URI.create(url.trim()).getPath() : url.trim();
    } catch (IllegalArgumentException e) {
      throw new SqsError(SqsError.Code.NON_EXISTENT_QUEUE, "The specified queue does not exist: '" + url
          + "' is not a queue URL.");
    }
    String[] parts = path == null ? new String[0] : path.replaceAll("^/+|/+$", "").split("/");
    if (parts.length != 2 || parts[1].isEmpty()) {
      throw new SqsError(SqsError.Code.NON_EXISTENT_QUEUE, "The specified queue does not exist: '" + url
          + "' is not a queue URL (http://HOST/ACCOUNT/NAME).");
    }
    return parts[1];
  }

  /** The queue an ARN names; refuses what is not an SQS queue ARN. */
  public static String queueOfArn(String arn, String parameter) {
    String[] parts = arn == null ? new String[0] : arn.trim().split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs") || parts[5].isEmpty()) {
      throw SqsError.invalidParameter("Value " + arn + " for parameter " + parameter + " is invalid. Reason: not"
          + " an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME).");
    }
    return parts[5];
  }

  /** Checks a name for a new queue against SQS's rule. */
  public static void checkNewName(String name) {
    if (name == null || !SQS_NAME.matcher(name).matches()) {
      throw SqsError.invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80"
          + " in length (a FIFO queue's name ends with .fifo): '" + name + "'");
    }
  }
}
