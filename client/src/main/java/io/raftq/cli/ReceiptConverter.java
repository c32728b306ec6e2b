package io.raftq.cli;

import io.raftq.protocol.Receipt;
import picocli.CommandLine;

/** Parses a receipt's text form ({@code <partition>-<offset>-<epoch>}) as a usage error when malformed. */
public final class ReceiptConverter implements CommandLine.ITypeConverter<Receipt> {

  @Override
  public Receipt convert(String text) {
    try {
      return Receipt.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
