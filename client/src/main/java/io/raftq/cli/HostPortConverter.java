package io.raftq.cli;

import picocli.CommandLine;

/** Validates one {@code host:port} (IPv6 hosts in brackets: {@code [::1]:9091}); returns it unchanged. */
public final class HostPortConverter implements CommandLine.ITypeConverter<String> {

  @Override
  public String convert(String text) {
    return validate(text);
  }

  public static String validate(String text) {
    String trimmed = text == null ? "" : text.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw invalid(text);
    }
    int port;
    try {
      port = Integer.parseInt(trimmed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
    if (port < 1 || port > 65_535) {
      throw invalid(text);
    }
    return trimmed;
  }

  private static CommandLine.TypeConversionException invalid(String text) {
    return new CommandLine.TypeConversionException(
        "'" + text + "' is not host:port (port 1-65535), e.g. 127.0.0.1:9091");
  }
}
