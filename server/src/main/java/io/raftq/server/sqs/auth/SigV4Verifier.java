package io.raftq.server.sqs.auth;

import io.raftq.server.sqs.SqsError;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on a request signed in its Authorization header, as the AWS SDKs and CLI sign
 * SQS requests. Returns the key that signed; refuses with SQS's errors a request that is unsigned, signed by an
 * unknown key, signed wrongly, or dated more than 15 minutes from now. Pure logic: the caller passes the clock.
 */
public final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The parts of a request the signature covers. Header names are looked up case-insensitively. */
  public record SignedRequest(String method, String rawPath, String rawQuery,
      Function<String, List<String>> headers, byte[] body) {}

  private final SqsCredentials credentials;
  /** The service a signature must be scoped to: "sqs" (AWS's published test vectors use "service"). */
  private final String service;

  public SigV4Verifier(SqsCredentials credentials) {
    this(credentials, "sqs");
  }

  public SigV4Verifier(SqsCredentials credentials, String service) {
    this.credentials = credentials;
    this.service = service;
  }

  public SqsCredentials.Key verify(SignedRequest r, Instant now) {
    String authorization = first(r, "authorization");
    if (authorization == null) {
      throw new SqsError(SqsError.Code.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token: "
          + "sign it with AWS Signature Version 4 and one of the cluster's access keys.");
    }
    Map<String, String> parts = authorizationParts(authorization);
    String[] scope = parts.get("Credential").split("/");
    if (scope.length != 5 || !scope[4].equals("aws4_request")) {
      throw incomplete("Credential must be ACCESS_KEY/DATE/REGION/SERVICE/aws4_request");
    }
    if (!scope[3].equals(service)) {
      throw new SqsError(SqsError.Code.SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to correct service: "
          + "'" + service + "', not '" + scope[3] + "'.");
    }
    SqsCredentials.Key key = credentials.find(scope[0]).orElseThrow(() -> new SqsError(
        SqsError.Code.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid."));
    String amzDate = first(r, "x-amz-date");
    if (amzDate == null) {
      throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate.trim()));
    } catch (DateTimeParseException e) {
      throw incomplete("X-Amz-Date must be yyyyMMdd'T'HHmmss'Z', was " + amzDate);
    }
    if (signedAt.isBefore(now.minus(MAX_SKEW)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw new SqsError(SqsError.Code.REQUEST_EXPIRED, "Signature expired: " + amzDate + " is now earlier than "
          + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      throw new SqsError(SqsError.Code.SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to a valid date: "
          + scope[1] + " is not the date of X-Amz-Date " + amzDate + ".");
    }
    List<String> signedHeaders = List.of(parts.get("SignedHeaders").toLowerCase(Locale.ROOT).split(";"));
    if (!signedHeaders.contains("host")) {
      throw incomplete("SignedHeaders must include host");
    }
    String canonical = canonicalRequest(r, signedHeaders);
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + String.join("/", scope[1], scope[2], scope[3],
        scope[4]) + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), scope[1]),
        scope[2]), scope[3]), "aws4_request");
    String expected = hex(hmac(signingKey, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        parts.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
      throw new SqsError(SqsError.Code.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated does not "
          + "match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
          + "service documentation for details.");
    }
    return key;
  }

  /** The access key id a request says it is signed with, without checking anything (for SenderId). */
  public static String claimedAccessKey(String authorization) {
    if (authorization == null) {
      return null;
    }
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return null;
    }
    int end = authorization.indexOf('/', at);
    return end < 0 ? null : authorization.substring(at + "Credential=".length(), end);
  }

  private static Map<String, String> authorizationParts(String authorization) {
    String a = authorization.trim();
    if (!a.startsWith(ALGORITHM + " ")) {
      throw incomplete("Authorization header must start with " + ALGORITHM);
    }
    Map<String, String> parts = new TreeMap<>();
    for (String p : a.substring(ALGORITHM.length()).split(",")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
      }
    }
    for (String needed : List.of("Credential", "SignedHeaders", "Signature")) {
      if (!parts.containsKey(needed)) {
        throw incomplete("Authorization header requires '" + needed + "' parameter");
      }
    }
    return parts;
  }

  static String canonicalRequest(SignedRequest r, List<String> signedHeaders) {
    StringBuilder c = new StringBuilder();
    c.append(r.method()).append('\n');
    c.append(canonicalUri(r.rawPath())).append('\n');
    c.append(canonicalQuery(r.rawQuery())).append('\n');
    for (String h : signedHeaders) {
      List<String> values = r.headers().apply(h);
      List<String> trimmed = new ArrayList<>();
      for (String v : values == null ? List.<String>of() : values) {
        trimmed.add(v.trim().replaceAll("\\s+", " "));
      }
      c.append(h).append(':').append(String.join(",", trimmed)).append('\n');
    }
    c.append('\n').append(String.join(";", signedHeaders)).append('\n');
    String declared = firstOf(r.headers().apply("x-amz-content-sha256"));
    String actual = hex(sha256(r.body()));
    if (declared != null && !declared.equals("UNSIGNED-PAYLOAD") && !declared.equals(actual)) {
      throw new SqsError(SqsError.Code.SIGNATURE_DOES_NOT_MATCH, "The provided x-amz-content-sha256 header does "
          + "not match what was computed.");
    }
    c.append(declared != null ? declared : actual);
    return c.toString();
  }

  /** The path as sent, encoded once more (SigV4 encodes paths twice for every service but S3). */
  private static String canonicalUri(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      segments.add(encode(segment));
    }
    return String.join("/", segments);
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = decode(eq < 0 ? p : p.substring(0, eq));
      String value = eq < 0 ? "" : decode(p.substring(eq + 1));
      pairs.add(new String[] {encode(name), encode(value)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    for (String[] p : pairs) {
      joined.add(p[0] + "=" + p[1]);
    }
    return String.join("&", joined);
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Malformed percent-encoding in the query string.");
    }
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  private static String first(SignedRequest r, String header) {
    return firstOf(r.headers().apply(header));
  }

  private static String firstOf(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static SqsError incomplete(String why) {
    return new SqsError(SqsError.Code.INCOMPLETE_SIGNATURE, why + ".");
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
