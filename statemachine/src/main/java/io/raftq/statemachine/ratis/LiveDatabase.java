package io.raftq.statemachine.ratis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a replica's live RocksDB directory is, and its crash-safe replacement by a checkpoint.
 *
 * <p>The file {@code LIVE} in the state root names the live directory, {@code db.<generation>}; without it the
 * live directory is {@code db} (a fresh replica, or one written before this class). {@link #replaceWith} takes
 * these steps, each ending in a {@link Step} (a crash can stop it after any of them):
 *
 * <ol>
 *   <li>{@code COPIED}: the checkpoint's files are linked or copied into {@code restore.tmp/}, a fresh directory;
 *   <li>{@code SYNCED}: every file in it, then the directory, is forced to disk;
 *   <li>{@code RENAMED}: it is renamed to {@code db.<generation + 1>}, and the state root forced;
 *   <li>{@code POINTER_WRITTEN}: {@code LIVE.tmp} names the new directory and is forced;
 *   <li>{@code SWAPPED}: {@code LIVE.tmp} is renamed over {@code LIVE} and the state root forced. This rename is
 *       the commit point: before it the old database is live, after it the new one, each complete;
 *   <li>{@code CLEANED}: the old directory is deleted.
 * </ol>
 *
 * {@link #cleanUp} (at every open) deletes what an interrupted replacement left: {@code restore.tmp}, {@code
 * LIVE.tmp} and every database directory but the live one.
 */
final class LiveDatabase {
  /** The steps of {@link #replaceWith}, in order. */
  enum Step { COPIED, SYNCED, RENAMED, POINTER_WRITTEN, SWAPPED, CLEANED }

  /** A test hook run after each step; it may throw to stop the replacement there, as a crash would. */
  interface StepHook {
    void after(Step step) throws IOException;
  }

  static final String POINTER = "LIVE";
  private static final String POINTER_TMP = "LIVE.tmp";
  private static final String RESTORE_TMP = "restore.tmp";
  private static final String LEGACY = "db";
  private static final Pattern NAME = Pattern.compile("db(?:\\.(\\d+))?");
  private static final StepHook NO_HOOK = step -> {};
  private static volatile StepHook hook = NO_HOOK;

  private final Path root;

  LiveDatabase(Path stateRoot) {
    this.root = stateRoot;
  }

  /** The live database directory (it may not exist yet: RocksDB creates it). */
  Path current() throws IOException {
    Path pointer = root.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return root.resolve(LEGACY);
    }
    String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
    if (!NAME.matcher(name).matches()) {
      throw new IOException(pointer + " names '" + name + "', not a database directory");
    }
    return root.resolve(name);
  }

  /** Deletes the leftovers of an interrupted {@link #replaceWith}; the live database is untouched. */
  void cleanUp() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    Path live = current();
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        boolean leftover = name.equals(RESTORE_TMP) || name.equals(POINTER_TMP)
            || (NAME.matcher(name).matches() && !p.equals(live));
        if (leftover) {
          FileTree.delete(p);
        }
      }
    }
  }

  /** Makes a copy of {@code checkpoint} the live database (the database must be closed); returns its directory. */
  Path replaceWith(Path checkpoint) throws IOException {
    Files.createDirectories(root);
    Path old = current();
    Path tmp = root.resolve(RESTORE_TMP);
    FileTree.delete(tmp);
    // Ratis writes a snapshot received from the leader without fsync, and the checkpoint stays this group's
    // snapshot (restored at start, sent to followers): it must be on disk before anything relies on it. The
    // page-cache fault found the hard-linked SSTs of an unsynced install empty after a power loss.
    FileTree.fsyncFilesAndDirectory(checkpoint);
    FileTree.linkOrCopy(checkpoint, tmp);
    hook.after(Step.COPIED);
    FileTree.fsyncFilesAndDirectory(tmp);
    hook.after(Step.SYNCED);
    Path next = root.resolve("db." + (generationOf(old) + 1));
    FileTree.delete(next); // a leftover cleanUp did not see (never live: the pointer does not name it)
    Files.move(tmp, next, StandardCopyOption.ATOMIC_MOVE);
    FileTree.fsync(root);
    hook.after(Step.RENAMED);
    Path pointerTmp = root.resolve(POINTER_TMP);
    Files.writeString(pointerTmp, next.getFileName().toString(), StandardCharsets.UTF_8);
    FileTree.fsync(pointerTmp);
    hook.after(Step.POINTER_WRITTEN);
    Files.move(pointerTmp, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileTree.fsync(root);
    hook.after(Step.SWAPPED);
    FileTree.delete(old);
    hook.after(Step.CLEANED);
    return next;
  }

  private static long generationOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    return m.matches() && m.group(1) != null ? Long.parseLong(m.group(1)) : 0;
  }

  /** Installs a step hook for every replica in this JVM (null: none). Tests only. */
  static void setHookForTests(StepHook h) {
    hook = h == null ? NO_HOOK : h;
  }
}
