package io.raftq.server.sqs.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The access keys the SQS API accepts and the queues each may use, read from a file of lines
 * {@code ACCESS_KEY_ID SECRET_ACCESS_KEY QUEUES} where QUEUES is {@code *} or a comma-separated list of names, each
 * of which may end in {@code *} to match a prefix. Blank lines and lines starting with {@code #} are skipped.
 */
public final class SqsCredentials {
  /** One access key. */
  public record Key(String accessKeyId, String secret, List<String> queues) {
    /** True if this key may use {@code queue}. */
    public boolean mayUse(String queue) {
      for (String pattern : queues) {
        if (pattern.equals("*") || pattern.equals(queue)
            || (pattern.endsWith("*") && queue.startsWith(pattern.substring(0, pattern.length() - 1)))) {
          return true;
        }
      }
      return false;
    }
  }

  private final Map<String, Key> keys;

  private SqsCredentials(Map<String, Key> keys) {
    this.keys = keys;
  }

  public static SqsCredentials read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** @throws IllegalArgumentException naming the line that is not {@code ID SECRET QUEUES} */
  public static SqsCredentials parse(String text, String source) {
    Map<String, Key> keys = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 3) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY "
            + "QUEUES (QUEUES: * or name,prefix*,...), found " + fields.length + " fields");
      }
      List<String> queues = new ArrayList<>();
      for (String q : fields[2].split(",")) {
        if (!q.isEmpty()) {
          queues.add(q);
        }
      }
      if (keys.put(fields[0], new Key(fields[0], fields[1], List.copyOf(queues))) != null) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": access key " + fields[0] + " given twice");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + ": no access keys (lines ACCESS_KEY_ID SECRET_ACCESS_KEY QUEUES)");
    }
    return new SqsCredentials(keys);
  }

  public Optional<Key> find(String accessKeyId) {
    return Optional.ofNullable(keys.get(accessKeyId));
  }

  public int size() {
    return keys.size();
  }
}
