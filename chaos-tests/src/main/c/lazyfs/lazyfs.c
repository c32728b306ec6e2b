/*
 * lazyfs: a pass-through FUSE filesystem that can forget every write not yet fsynced, as a power loss or kernel
 * crash forgets the page cache. Used by the chaos suite's lose-page-cache fault.
 *
 *   lazyfs BACKING MOUNTPOINT [FUSE options, e.g. -f]
 *
 * Every operation goes straight through to BACKING. What makes it lazy is bookkeeping: from a file's first change
 * after its last fsync/fdatasync, lazyfs remembers the size it had then and, before each overwrite below that size,
 * the bytes being overwritten (appends cost nothing). fsync/fdatasync of the file forgets this. Dropping (the control
 * below) puts every such file back: old bytes restored newest first, then cut to the remembered size.
 *
 * Semantics after a drop, and what this does not model:
 * - file contents revert to their last fsync; a file created and never synced is empty (a real crash outcome);
 * - names are durable at once: create, mkdir, rename, link and unlink are never undone, though a real crash can
 *   lose one whose directory was not fsynced;
 * - nothing is torn: either all of a file's unsynced writes are lost or none (only whole drops);
 * - syncfs/sync(2) and sync_file_range do not reach FUSE, so only fsync/fdatasync of the file itself count.
 *
 * Control, through extended attributes of the mount's root (synchronous, no visible file):
 *   setxattr user.lazyfs.drop (any value)  -> forget every unsynced write now
 *   getxattr user.lazyfs.unsynced          -> "files=N bytes=M": files with unsynced writes, bytes written to them
 * The caller must stop writers first (the chaos fault kills the node, then drops).
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define CONTROL_DROP "user.lazyfs.drop"
#define CONTROL_UNSYNCED "user.lazyfs.unsynced"

/* Bytes a change overwrote, to be written back on a drop. */
struct undo {
  off_t offset;
  size_t length;
  struct undo *older;
  char bytes[];
};

/* A file changed since its last fsync, by backing inode (stable across renames and hard links). */
struct dirty {
  ino_t ino;
  int fd;             /* our own read-write descriptor: the writer's may be closed or write-only */
  off_t synced_size;  /* size at the last fsync (or when lazyfs first saw the file) */
  struct undo *newest;
  long long written;  /* bytes written since the last fsync, for the report */
  struct dirty *next;
};

static const char *backing;
static struct dirty *dirty_files;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void real_path(char out[PATH_MAX], const char *path) {
  snprintf(out, PATH_MAX, "%s%s", backing, path);
}

static void forget(struct dirty **link) {
  struct dirty *d = *link;
  *link = d->next;
  for (struct undo *u = d->newest, *older; u; u = older) {
    older = u->older;
    free(u);
  }
  close(d->fd);
  free(d);
}

static struct dirty **find(ino_t ino) {
  struct dirty **link = &dirty_files;
  while (*link && (*link)->ino != ino) {
    link = &(*link)->next;
  }
  return link;
}

/* The record of the file open as fd, created at its first change since it was last synced. Caller holds lock. */
static struct dirty *track(int fd, int *err) {
  struct stat st;
  if (fstat(fd, &st) < 0) {
    *err = -errno;
    return NULL;
  }
  struct dirty **link = find(st.st_ino);
  if (*link) {
    return *link;
  }
  char self[64];
  snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
  struct dirty *d = calloc(1, sizeof *d);
  if (!d || (d->fd = open(self, O_RDWR)) < 0) {
    *err = d ? -errno : -ENOMEM;
    free(d);
    return NULL;
  }
  d->ino = st.st_ino;
  d->synced_size = st.st_size;
  *link = d;
  return d;
}

/* Saves the synced bytes in [offset, offset + length) that a change is about to overwrite. Caller holds lock. */
static int save_before_change(struct dirty *d, off_t offset, off_t length) {
  if (offset >= d->synced_size || length <= 0) {
    return 0;
  }
  if (offset + length > d->synced_size) {
    length = d->synced_size - offset;
  }
  struct undo *u = malloc(sizeof *u + length);
  if (!u) {
    return -ENOMEM;
  }
  ssize_t got = pread(d->fd, u->bytes, length, offset);
  if (got < 0) {
    free(u);
    return -errno;
  }
  u->offset = offset;
  u->length = got;
  u->older = d->newest;
  d->newest = u;
  return 0;
}

static int truncate_fd(int fd, off_t size) {
  pthread_mutex_lock(&lock);
  int err = 0;
  struct stat st;
  struct dirty *d = track(fd, &err);
  if (d && fstat(fd, &st) == 0 && size < st.st_size) {
    err = save_before_change(d, size, st.st_size - size);
  }
  if (d && !err && ftruncate(fd, size) < 0) {
    err = -errno;
  }
  pthread_mutex_unlock(&lock);
  return err;
}

/* Logs which file lost what, for the node's lazyfs.log (the path is the backing file's, unlinked or not). */
static void report_lost(const struct dirty *d) {
  char self[64], path[PATH_MAX];
  snprintf(self, sizeof self, "/proc/self/fd/%d", d->fd);
  ssize_t n = readlink(self, path, sizeof path - 1);
  path[n < 0 ? 0 : n] = '\0';
  fprintf(stderr, "lazyfs: lost %lld unsynced bytes of %s (back to %lld bytes)\n", d->written, path,
      (long long) d->synced_size);
}

/* Puts every changed file back as it was at its last fsync. Returns how many files it reverted. */
static int drop_unsynced(void) {
  int reverted = 0;
  long long bytes = 0;
  pthread_mutex_lock(&lock);
  while (dirty_files) {
    struct dirty *d = dirty_files;
    for (struct undo *u = d->newest; u; u = u->older) {
      if (pwrite(d->fd, u->bytes, u->length, u->offset) != (ssize_t) u->length) {
        perror("lazyfs: restoring synced bytes");
      }
    }
    if (ftruncate(d->fd, d->synced_size) < 0) {
      perror("lazyfs: restoring synced size");
    }
    report_lost(d);
    reverted++;
    bytes += d->written;
    forget(&dirty_files);
  }
  pthread_mutex_unlock(&lock);
  fprintf(stderr, "lazyfs: dropped unsynced writes: %d files, %lld bytes\n", reverted, bytes);
  return reverted;
}

static void *lazy_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  (void) conn;
  cfg->use_ino = 1;
  /* An unlinked file still open is really removed (no .fuse_hidden files in the node's directories); operations
   * on it come with a null path and use the open descriptor. */
  cfg->hard_remove = 1;
  cfg->nullpath_ok = 1;
  /* No kernel caching of names or attributes: a drop changes sizes behind the kernel's back. File pages are
   * dropped on every open (keep_cache stays 0), and the fault restarts the node, which reopens everything. */
  cfg->entry_timeout = 0;
  cfg->attr_timeout = 0;
  cfg->negative_timeout = 0;
  return NULL;
}

static int lazy_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real_path(p, path);
  int res = fi ? fstat(fi->fh, st) : lstat(p, st);
  return res < 0 ? -errno : 0;
}

/* Directories are read through the handle opened here: with nullpath_ok, readdir gets no path. */
static int lazy_opendir(const char *path, struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real_path(p, path);
  DIR *dir = opendir(p);
  if (!dir) {
    return -errno;
  }
  fi->fh = (uintptr_t) dir;
  return 0;
}

static int lazy_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off, struct fuse_file_info *fi,
    enum fuse_readdir_flags flags) {
  (void) path, (void) flags;
  DIR *dir = (DIR *) (uintptr_t) fi->fh;
  if (off == 0) {
    rewinddir(dir);
  }
  /* Offset 0 for every entry: libfuse collects the whole listing in one call. */
  for (struct dirent *e; (e = readdir(dir));) {
    struct stat st = {.st_ino = e->d_ino, .st_mode = e->d_type << 12};
    if (fill(buf, e->d_name, &st, 0, 0)) {
      break;
    }
  }
  return 0;
}

static int lazy_releasedir(const char *path, struct fuse_file_info *fi) {
  (void) path;
  closedir((DIR *) (uintptr_t) fi->fh);
  return 0;
}

static int lazy_readlink(const char *path, char *buf, size_t size) {
  char p[PATH_MAX];
  real_path(p, path);
  ssize_t n = readlink(p, buf, size - 1);
  if (n < 0) {
    return -errno;
  }
  buf[n] = '\0';
  return 0;
}

static int lazy_mkdir(const char *path, mode_t mode) {
  char p[PATH_MAX];
  real_path(p, path);
  return mkdir(p, mode) < 0 ? -errno : 0;
}

static int lazy_rmdir(const char *path) {
  char p[PATH_MAX];
  real_path(p, path);
  return rmdir(p) < 0 ? -errno : 0;
}

static int lazy_symlink(const char *target, const char *path) {
  char p[PATH_MAX];
  real_path(p, path);
  return symlink(target, p) < 0 ? -errno : 0;
}

static int lazy_unlink(const char *path) {
  char p[PATH_MAX];
  real_path(p, path);
  struct stat st;
  int gone = lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1;
  if (unlink(p) < 0) {
    return -errno;
  }
  if (gone) {
    /* Nothing can reopen it: keeping its record would only hold the inode and its undo bytes. */
    pthread_mutex_lock(&lock);
    struct dirty **link = find(st.st_ino);
    if (*link) {
      forget(link);
    }
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

static int lazy_rename(const char *from, const char *to, unsigned int flags) {
  char f[PATH_MAX], t[PATH_MAX];
  real_path(f, from);
  real_path(t, to);
  return renameat2(AT_FDCWD, f, AT_FDCWD, t, flags) < 0 ? -errno : 0;
}

static int lazy_link(const char *from, const char *to) {
  char f[PATH_MAX], t[PATH_MAX];
  real_path(f, from);
  real_path(t, to);
  return link(f, t) < 0 ? -errno : 0;
}

static int lazy_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real_path(p, path);
  int res = fi ? fchmod(fi->fh, mode) : chmod(p, mode);
  return res < 0 ? -errno : 0;
}

static int lazy_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real_path(p, path);
  int res = fi ? fchown(fi->fh, uid, gid) : lchown(p, uid, gid);
  return res < 0 ? -errno : 0;
}

static int lazy_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real_path(p, path);
  int res = fi ? futimens(fi->fh, tv) : utimensat(AT_FDCWD, p, tv, AT_SYMLINK_NOFOLLOW);
  return res < 0 ? -errno : 0;
}

static int lazy_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  if (fi) {
    return truncate_fd(fi->fh, size);
  }
  char p[PATH_MAX];
  real_path(p, path);
  int fd = open(p, O_WRONLY);
  if (fd < 0) {
    return -errno;
  }
  int res = truncate_fd(fd, size);
  close(fd);
  return res;
}

/* Opens without O_TRUNC and truncates through truncate_fd, so that a truncation on open can be undone too. */
static int open_backing(const char *path, int flags, mode_t mode, struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real_path(p, path);
  int fd = open(p, flags & ~O_TRUNC, mode);
  if (fd < 0) {
    return -errno;
  }
  if (flags & O_TRUNC) {
    int res = truncate_fd(fd, 0);
    if (res) {
      close(fd);
      return res;
    }
  }
  fi->fh = fd;
  return 0;
}

static int lazy_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  return open_backing(path, fi->flags, mode, fi);
}

static int lazy_open(const char *path, struct fuse_file_info *fi) {
  return open_backing(path, fi->flags, 0, fi);
}

static int lazy_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void) path;
  ssize_t n = pread(fi->fh, buf, size, off);
  return n < 0 ? -errno : (int) n;
}

static int lazy_write(const char *path, const char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void) path;
  pthread_mutex_lock(&lock);
  int err = 0;
  struct stat st;
  struct dirty *d = track(fi->fh, &err);
  if (d && (fi->flags & O_APPEND)) {
    /* pwrite appends on an O_APPEND descriptor whatever the offset: the change lands at the end. */
    off = fstat(fi->fh, &st) == 0 ? st.st_size : off;
  }
  if (d) {
    err = save_before_change(d, off, size);
  }
  ssize_t n = 0;
  if (d && !err && (n = pwrite(fi->fh, buf, size, off)) < 0) {
    err = -errno;
  }
  if (d && !err) {
    d->written += n;
  }
  pthread_mutex_unlock(&lock);
  return err ? err : (int) n;
}

static int lazy_fallocate(const char *path, int mode, off_t off, off_t len, struct fuse_file_info *fi) {
  (void) path;
  if (mode & ~FALLOC_FL_KEEP_SIZE) {
    return -EOPNOTSUPP; /* punching holes or zeroing ranges would need their old bytes saved */
  }
  pthread_mutex_lock(&lock);
  int err = 0;
  /* Reserving space changes no byte, but may grow the file: tracked, so that a drop cuts it back. */
  if (track(fi->fh, &err) && fallocate(fi->fh, mode, off, len) < 0) {
    err = -errno;
  }
  pthread_mutex_unlock(&lock);
  return err;
}

/* The file's current content becomes its synced content. The backing file is not fsynced: only lazyfs' own cache
 * is modelled, and the test machine does not lose power. */
static int lazy_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void) path, (void) datasync;
  struct stat st;
  if (fstat(fi->fh, &st) < 0) {
    return -errno;
  }
  pthread_mutex_lock(&lock);
  struct dirty **link = find(st.st_ino);
  if (*link) {
    forget(link);
  }
  pthread_mutex_unlock(&lock);
  return 0;
}

static int lazy_release(const char *path, struct fuse_file_info *fi) {
  (void) path;
  close(fi->fh);
  return 0;
}

static int lazy_statfs(const char *path, struct statvfs *st) {
  char p[PATH_MAX];
  real_path(p, path);
  return statvfs(p, st) < 0 ? -errno : 0;
}

static int lazy_setxattr(const char *path, const char *name, const char *value, size_t size, int flags) {
  (void) value, (void) size, (void) flags;
  if (strcmp(path, "/") == 0 && strcmp(name, CONTROL_DROP) == 0) {
    drop_unsynced();
    return 0;
  }
  return -ENOTSUP;
}

static int lazy_getxattr(const char *path, const char *name, char *value, size_t size) {
  if (strcmp(path, "/") != 0 || strcmp(name, CONTROL_UNSYNCED) != 0) {
    return -ENODATA;
  }
  int files = 0;
  long long bytes = 0;
  pthread_mutex_lock(&lock);
  for (struct dirty *d = dirty_files; d; d = d->next) {
    files++;
    bytes += d->written;
  }
  pthread_mutex_unlock(&lock);
  char text[64];
  int n = snprintf(text, sizeof text, "files=%d bytes=%lld", files, bytes);
  if (size == 0) {
    return n;
  }
  if ((size_t) n > size) {
    return -ERANGE;
  }
  memcpy(value, text, n);
  return n;
}

static const struct fuse_operations lazy_ops = {
    .init = lazy_init,
    .getattr = lazy_getattr,
    .opendir = lazy_opendir,
    .readdir = lazy_readdir,
    .releasedir = lazy_releasedir,
    .readlink = lazy_readlink,
    .mkdir = lazy_mkdir,
    .rmdir = lazy_rmdir,
    .symlink = lazy_symlink,
    .unlink = lazy_unlink,
    .rename = lazy_rename,
    .link = lazy_link,
    .chmod = lazy_chmod,
    .chown = lazy_chown,
    .utimens = lazy_utimens,
    .truncate = lazy_truncate,
    .create = lazy_create,
    .open = lazy_open,
    .read = lazy_read,
    .write = lazy_write,
    .fallocate = lazy_fallocate,
    .fsync = lazy_fsync,
    .release = lazy_release,
    .statfs = lazy_statfs,
    .setxattr = lazy_setxattr,
    .getxattr = lazy_getxattr,
};

int main(int argc, char *argv[]) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s BACKING MOUNTPOINT [FUSE options]\n", argv[0]);
    return 2;
  }
  backing = realpath(argv[1], NULL);
  if (!backing) {
    perror(argv[1]);
    return 2;
  }
  argv[1] = argv[0]; /* FUSE parses the rest: MOUNTPOINT and options */
  return fuse_main(argc - 1, argv + 1, &lazy_ops, NULL);
}
