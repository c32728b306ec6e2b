package io.raftq.statemachine.ratis;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small file-tree helpers for checkpoints. */
final class FileTree {
  private FileTree() {}

  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  /** Copies the flat directory {@code from} into a new directory {@code to}, hard-linking where possible. */
  static void linkOrCopy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(p.getFileName().toString());
        // SST files are immutable, so sharing them by hard link is safe; other files are rewritten by RocksDB.
        if (p.getFileName().toString().endsWith(".sst")) {
          try {
            Files.createLink(target, p);
            continue;
          } catch (IOException | UnsupportedOperationException e) {
            // different file system: fall through to a copy
          }
        }
        Files.copy(p, target);
      }
    }
  }

  /** Forces every file directly in {@code dir} to disk, then the directory itself (its entries). */
  static void fsyncFilesAndDirectory(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          fsync(p);
        }
      }
    }
    fsync(dir);
  }

  /** Forces {@code path} (a file, or a directory: its entries, e.g. after a rename in it) to disk. */
  static void fsync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
