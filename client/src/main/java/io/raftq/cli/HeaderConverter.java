package io.raftq.cli;

import io.raftq.protocol.Header;
import picocli.CommandLine;

/** Parses {@code name=value}; the value may be empty and may itself contain '=' (split at the first one). */
public final class HeaderConverter implements CommandLine.ITypeConverter<Header> {

  @Override
  public Header convert(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a header: expected name=value with a non-empty name");
    }
    return new Header(text.substring(0, eq), text.substring(eq + 1));
  }
}
