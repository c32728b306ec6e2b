package io.raftq.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.server.sqs.auth.SigV4Verifier;
import io.raftq.server.sqs.auth.SqsCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {
  /** AWS's Signature V4 test suite, case "get-vanilla" (example credentials from the AWS documentation). */
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String VANILLA_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
      + "service/aws4_request, SignedHeaders=host;x-amz-date, "
      + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

  private final SqsCredentials keys = SqsCredentials.parse("AKIDEXAMPLE " + SECRET + " orders,jobs-*\n", "test");
  private final SigV4Verifier verifier = new SigV4Verifier(keys, "service");

  private static SigV4Verifier.SignedRequest vanilla(Map<String, String> headers) {
    return new SigV4Verifier.SignedRequest("GET", "/", null, name -> {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return List.of(e.getValue());
        }
      }
      return List.of();
    }, new byte[0]);
  }

  private static Map<String, String> headers(String authorization) {
    return Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z", "Authorization",
        authorization);
  }

  @Test
  void acceptsAwsPublishedExampleAndNamesTheKey() {
    SqsCredentials.Key key = verifier.verify(vanilla(headers(VANILLA_AUTHORIZATION)), SIGNED_AT.plusSeconds(60));
    assertThat(key.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(key.mayUse("orders")).isTrue();
    assertThat(key.mayUse("jobs-eu")).isTrue();
    assertThat(key.mayUse("orders2")).isFalse();
  }

  @Test
  void refusesATamperedRequestAWrongSignatureAnUnknownKeyAndNoSignature() {
    Map<String, String> otherHost = Map.of("Host", "other.amazonaws.com", "X-Amz-Date", "20150830T123600Z",
        "Authorization", VANILLA_AUTHORIZATION);
    assertThatThrownBy(() -> verifier.verify(vanilla(otherHost), SIGNED_AT))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.SIGNATURE_DOES_NOT_MATCH));
    assertThatThrownBy(() -> verifier.verify(vanilla(headers(VANILLA_AUTHORIZATION.replace("5fa00", "5fa01"))),
        SIGNED_AT)).satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(
            SqsError.Code.SIGNATURE_DOES_NOT_MATCH));
    assertThatThrownBy(() -> verifier.verify(vanilla(headers(VANILLA_AUTHORIZATION.replace("AKIDEXAMPLE",
        "AKIDOTHER"))), SIGNED_AT)).satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(
            SqsError.Code.INVALID_CLIENT_TOKEN_ID));
    assertThatThrownBy(() -> verifier.verify(vanilla(Map.of("Host", "example.amazonaws.com")), SIGNED_AT))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.MISSING_AUTHENTICATION_TOKEN));
    assertThatThrownBy(() -> verifier.verify(vanilla(headers("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x")),
        SIGNED_AT)).satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.INCOMPLETE_SIGNATURE));
  }

  @Test
  void refusesASignatureScopedToAnotherService() {
    assertThatThrownBy(() -> new SigV4Verifier(keys).verify(vanilla(headers(VANILLA_AUTHORIZATION)), SIGNED_AT))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.SIGNATURE_DOES_NOT_MATCH))
        .hasMessageContaining("'sqs', not 'service'");
  }

  @Test
  void refusesARequestSignedMoreThanFifteenMinutesFromNow() {
    assertThat(verifier.verify(vanilla(headers(VANILLA_AUTHORIZATION)), SIGNED_AT.plusSeconds(14 * 60)))
        .isNotNull();
    assertThatThrownBy(() -> verifier.verify(vanilla(headers(VANILLA_AUTHORIZATION)), SIGNED_AT.plusSeconds(16 * 60)))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.REQUEST_EXPIRED))
        .hasMessageContaining("Signature expired");
    assertThatThrownBy(() -> verifier.verify(vanilla(headers(VANILLA_AUTHORIZATION)), SIGNED_AT.minusSeconds(16 * 60)))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.REQUEST_EXPIRED));
  }

  @Test
  void aCredentialsFileWithAMalformedLineIsRefusedWithItsLineNumber() {
    assertThatThrownBy(() -> SqsCredentials.parse("# keys\nAKID secret\n", "keys.txt"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("keys.txt:2:");
    assertThatThrownBy(() -> SqsCredentials.parse("# only comments\n", "keys.txt"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no access keys");
  }
}
