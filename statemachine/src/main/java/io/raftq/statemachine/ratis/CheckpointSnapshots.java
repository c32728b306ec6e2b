package io.raftq.statemachine.ratis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * Snapshots as RocksDB checkpoint directories {@code sm/ckpt.<term>_<index>/} inside the group's Ratis storage.
 * Ratis ships every file of the latest one to a lagging follower, and on the follower replaces the whole
 * {@code sm/} directory with what it received, which is why the live database is kept elsewhere.
 */
final class CheckpointSnapshots implements StateMachineStorage {
  private static final Pattern NAME = Pattern.compile("ckpt\\.(\\d+)_(\\d+)");
  private volatile File smDir;

  @Override
  public void init(RaftStorage storage) {
    initAt(storage.getStorageDir().getStateMachineDir());
  }

  void initAt(File stateMachineDir) {
    smDir = stateMachineDir;
  }

  Path smDir() {
    return smDir.toPath();
  }

  Path pathFor(TermIndex ti) {
    return smDir().resolve("ckpt." + ti.getTerm() + "_" + ti.getIndex());
  }

  /** The newest complete checkpoint, or null. */
  @Override
  public SnapshotInfo getLatestSnapshot() {
    Path dir = latestDir();
    if (dir == null) {
      return null;
    }
    return new FileListSnapshotInfo(filesOf(dir), termIndexOf(dir));
  }

  Path latestDir() {
    if (smDir == null || !smDir.isDirectory()) {
      return null;
    }
    try (Stream<Path> s = Files.list(smDir())) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .max(Comparator.comparingLong(p -> termIndexOf(p).getIndex()))
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TermIndex termIndexOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a checkpoint dir: " + dir);
    }
    return TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  private static List<FileInfo> filesOf(Path dir) {
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md5")).sorted().forEach(p -> files.add(new FileInfo(p, null)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Deletes every checkpoint but {@code keep} (and leftovers of interrupted checkpoints). */
  void deleteAllBut(Path keep) throws IOException {
    try (Stream<Path> s = Files.list(smDir())) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!p.equals(keep) && p.getFileName().toString().startsWith("ckpt")) {
          FileTree.delete(p);
        }
      }
    }
  }

  @Override
  public void format() {}

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) {}
}
