package io.raftq.server.sqs;

import io.raftq.raft.HostPort;
import java.nio.file.Path;

/**
 * Where a node serves the SQS API and how. {@code credentials} null: any signature is accepted (local
 * development). {@code region} and {@code accountId} only shape ARNs and queue URLs.
 */
public record SqsSettings(HostPort address, Path credentials, String region, String accountId) {
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "000000000000";

  public SqsSettings {
    if (address == null) {
      throw new IllegalArgumentException("--sqs-address is needed to serve the SQS API");
    }
    region = region == null ? DEFAULT_REGION : region;
    accountId = accountId == null ? DEFAULT_ACCOUNT : accountId;
    if (!accountId.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("--sqs-account must be 12 digits, was '" + accountId + "'");
    }
  }
}
