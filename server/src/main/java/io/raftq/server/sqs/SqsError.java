package io.raftq.server.sqs;

/**
 * An error as SQS reports it. {@code queryCode} is the code of the query protocol (and of the JSON protocol's
 * {@code x-amzn-query-error} header, from which the AWS SDKs take the error code); {@code jsonType} is the shape
 * name in the JSON protocol's {@code __type}, from which the SDKs pick the exception class.
 */
public final class SqsError extends RuntimeException {
  /** The errors the gateway answers, with SQS's HTTP status, codes and fault side. */
  public enum Code {
    NON_EXISTENT_QUEUE(400, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", true),
    QUEUE_NAME_EXISTS(400, "QueueAlreadyExists", "QueueNameExists", true),
    INVALID_PARAMETER_VALUE(400, "InvalidParameterValue", "InvalidParameterValue", true),
    MISSING_PARAMETER(400, "MissingParameter", "MissingParameter", true),
    INVALID_ATTRIBUTE_NAME(400, "InvalidAttributeName", "InvalidAttributeName", true),
    INVALID_ATTRIBUTE_VALUE(400, "InvalidAttributeValue", "InvalidAttributeValue", true),
    INVALID_MESSAGE_CONTENTS(400, "InvalidMessageContents", "InvalidMessageContents", true),
    RECEIPT_HANDLE_IS_INVALID(400, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", true),
    MESSAGE_NOT_INFLIGHT(400, "AWS.SimpleQueueService.MessageNotInflight", "MessageNotInflight", true),
    BATCH_ENTRY_IDS_NOT_DISTINCT(400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct",
        true),
    EMPTY_BATCH_REQUEST(400, "AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequest", true),
    TOO_MANY_ENTRIES_IN_BATCH_REQUEST(400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "TooManyEntriesInBatchRequest", true),
    INVALID_BATCH_ENTRY_ID(400, "AWS.SimpleQueueService.InvalidBatchEntryId", "InvalidBatchEntryId", true),
    BATCH_REQUEST_TOO_LONG(400, "AWS.SimpleQueueService.BatchRequestTooLong", "BatchRequestTooLong", true),
    UNSUPPORTED_OPERATION(400, "AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperation", true),
    RESOURCE_NOT_FOUND(400, "ResourceNotFoundException", "ResourceNotFoundException", true),
    INVALID_ACTION(400, "InvalidAction", "InvalidAction", true),
    MALFORMED_QUERY_STRING(400, "MalformedQueryString", "MalformedQueryString", true),
    MISSING_AUTHENTICATION_TOKEN(403, "MissingAuthenticationToken", "MissingAuthenticationToken", true),
    INCOMPLETE_SIGNATURE(400, "IncompleteSignature", "IncompleteSignature", true),
    INVALID_CLIENT_TOKEN_ID(403, "InvalidClientTokenId", "InvalidClientTokenId", true),
    SIGNATURE_DOES_NOT_MATCH(403, "SignatureDoesNotMatch", "SignatureDoesNotMatch", true),
    REQUEST_EXPIRED(400, "RequestExpired", "RequestExpired", true),
    ACCESS_DENIED(403, "AccessDenied", "AccessDenied", true),
    REQUEST_THROTTLED(403, "RequestThrottled", "RequestThrottled", true),
    INTERNAL_FAILURE(500, "InternalFailure", "InternalFailure", false),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "ServiceUnavailable", false);

    public final int httpStatus;
    public final String queryCode;
    public final String jsonType;
    /** Sender (the caller's fault) or Receiver (ours); SDKs retry only the latter and throttling. */
    public final boolean senderFault;

    Code(int httpStatus, String queryCode, String jsonType, boolean senderFault) {
      this.httpStatus = httpStatus;
      this.queryCode = queryCode;
      this.jsonType = jsonType;
      this.senderFault = senderFault;
    }
  }

  private final Code code;

  public SqsError(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  public static SqsError invalidParameter(String message) {
    return new SqsError(Code.INVALID_PARAMETER_VALUE, message);
  }

  public static SqsError missing(String parameter) {
    return new SqsError(Code.MISSING_PARAMETER, "The request must contain the parameter " + parameter + ".");
  }

  public static SqsError noQueue() {
    return new SqsError(Code.NON_EXISTENT_QUEUE, "The specified queue does not exist.");
  }
}
