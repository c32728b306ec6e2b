package io.raftq.cli;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON line {@code raftq receive} prints per delivery. The payload appears as {@code payload} (text) when
 * it is valid UTF-8 and as {@code payloadBase64} otherwise, so binary payloads survive the round trip.
 * Headers become an object in producer order; a name that repeats maps to an array of its values.
 */
final class DeliveryJson {
  private DeliveryJson() {}

  static String of(Delivery d) {
    return write(d, true);
  }

  /** A stored message looked at without a lease (browse): no receipt, no delivery count. */
  static String stored(Delivery d) {
    return write(d, false);
  }

  private static String write(Delivery d, boolean leased) {
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .field("id", d.id())
            .field("partition", d.partition())
            .field("offset", d.offset())
            .field("key", d.key());
    headers(w.name("headers"), d.headers());
    Optional<String> text = utf8Text(d.payload());
    if (text.isPresent()) {
      w.field("payload", text.get());
    } else {
      w.field("payloadBase64", Base64.getEncoder().encodeToString(d.payload()));
    }
    if (leased) {
      w.field("receipt", d.receipt().encode()).field("deliveries", d.deliveries());
    }
    return w.field("enqueuedAtMs", d.enqueuedAtMs())
        .endObject()
        .toString();
  }

  /** The payload as text if it is well-formed UTF-8 (strict: no replacement characters). */
  static Optional<String> utf8Text(byte[] payload) {
    byte[] bytes = payload == null ? new byte[0] : payload;
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static void headers(JsonWriter w, List<Header> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Header h : headers) {
      byName.computeIfAbsent(h.name(), n -> new ArrayList<>()).add(h.value());
    }
    w.beginObject();
    for (Map.Entry<String, List<String>> e : byName.entrySet()) {
      w.name(e.getKey());
      if (e.getValue().size() == 1) {
        w.value(e.getValue().get(0));
      } else {
        w.beginArray();
        e.getValue().forEach(w::value);
        w.endArray();
      }
    }
    w.endObject();
  }
}
