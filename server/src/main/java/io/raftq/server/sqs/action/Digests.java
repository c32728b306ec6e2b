package io.raftq.server.sqs.action;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests SQS puts in its answers (MD5, which SDKs check) and uses for content-based dedup (SHA-256). */
public final class Digests {
  private Digests() {}

  public static MessageDigest md5() {
    return digest("MD5");
  }

  public static String md5Hex(String text) {
    return HexFormat.of().formatHex(md5().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JRE", e);
    }
  }
}
