/*
 * sandbox-launch: what the harness (root) does to a bubblewrap sandbox's host process before bwrap
 * runs, in one program instead of a chain of them (setsid, a shell joining the cgroups, setpriv, and
 * afterwards nsenter with another shell for the IPC limits: five programs started per sandbox, which
 * cost a quarter of its start).
 *
 *   sandbox-launch [--cgroup PROCS_FILE]... [--mount-view NAMESPACE_FILE@INODE --own-mounts DIR]
 *                  [--ipc-sysctl NAME=VALUE]... [--user UID] -- PROGRAM [ARG]...
 *   sandbox-launch --hold-mount-view DIR
 *
 * In this order:
 *   1. a session of its own (setsid), so the terminal's Ctrl-C reaches only the harness, which then
 *      closes its sandboxes itself;
 *   2. into each cgroup (its pid written to each cgroup.procs) before anything can fork, so bwrap's
 *      cgroup namespace is rooted at the sandbox's own cgroups;
 *   2b. with --mount-view: into a mount namespace of its own, a copy of the clean view held by
 *      --hold-mount-view (below) with this sandbox's own mounts (DIR and everything mounted under it:
 *      its home, system files and scratch filesystems) carried over at the same path. The harness
 *      mounts every sandbox's filesystems in the host's namespace, so with a thousand sandboxes the
 *      host has five thousand mounts; bwrap copies its parent's namespace and reads the whole mount
 *      table once for each of its binds (some twenty), which at a thousand sandboxes was a third of
 *      all the CPU a run spent. In the clean view a sandbox's mount table holds the host's own mounts
 *      and this sandbox's, not its siblings'. The namespace must have the inode given (the holder's
 *      pid could have been reused by another process since the harness looked);
 *   3. with any --ipc-sysctl: a new IPC namespace, made here by root, with those limits written to
 *      /proc/sys/kernel (bwrap is then not asked to unshare IPC: the sandbox lives in this namespace).
 *      Its sysctls belong to the host's root, and inside /proc/sys is read-only: nothing of the
 *      sandbox can change them;
 *   4. with --user: every group dropped and real, effective and saved ids set to UID (bwrap started by
 *      root would keep root's file rights inside);
 *   5. exec PROGRAM (searched on PATH).
 * Any failure: a message on stderr and exit status 125, before PROGRAM runs.
 *
 * --hold-mount-view DIR: the clean view. A mount namespace of its own, a private copy of the host's as
 * it is now (so no later mount or unmount of the host reaches it), with every mount under DIR (where
 * the sandboxes' filesystems live) taken out; it checks that this kernel has open_tree and move_mount,
 * says "READY" on stdout and holds the namespace until its stdin closes (the harness exited). Every
 * sandbox's view is a copy of it; since it is never changed, one serves them all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ITEMS 64

/* The mount API of Linux 5.2 (open_tree, move_mount), called by number: libc headers may lack them. */
#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif
#define VIEW_OPEN_TREE_CLONE 1
#define VIEW_AT_RECURSIVE 0x8000
#define VIEW_MOVE_MOUNT_F_EMPTY_PATH 0x4

/* The system's reason (errno) is read first: printing can change it. */
static void fail(const char *what, const char *detail) {
    const char *reason = strerror(errno);
    fprintf(stderr, "sandbox-launch: %s%s%s: %s\n", what, *detail ? " " : "", detail, reason);
    _exit(125);
}

static void usage(const char *why, const char *arg) {
    fprintf(stderr, "sandbox-launch: %s%s%s%s\n", why, *arg ? " (got '" : "", arg, *arg ? "')" : "");
    _exit(125);
}

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        fail("cannot open", path);
    }
    size_t len = strlen(text);
    if (write(fd, text, len) != (ssize_t)len) {
        fail("cannot write", path);
    }
    if (close(fd) != 0) {
        fail("cannot write", path);
    }
}

/* A detached copy of the mount tree at path, submounts included. */
static int clone_tree(const char *path) {
    return (int)syscall(SYS_open_tree, AT_FDCWD, path, VIEW_OPEN_TREE_CLONE | O_CLOEXEC | VIEW_AT_RECURSIVE);
}

/*
 * Unescapes a mount point of /proc/self/mountinfo in place (the kernel writes space, tab, newline and
 * backslash as octal escapes).
 */
static void unescape(char *s) {
    char *out = s;
    for (char *in = s; *in; in++) {
        if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' && in[2] >= '0' && in[2] <= '7' && in[3] >= '0' && in[3] <= '7') {
            *out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
            in += 3;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
}

/* Whether path is dir or lies below it. */
static int under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') {
        n--;
    }
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* --hold-mount-view DIR (see the top of this file). */
static int hold_mount_view(const char *dir) {
    /* No parent-death signal: it is sent when the thread that started us ends, not the harness. */
    if (setsid() < 0) {
        fail("cannot start a session", "");
    }
    if (unshare(CLONE_NEWNS) != 0) {
        fail("cannot make a mount namespace", "");
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        fail("cannot make the mount namespace private", "");
    }
    /* Taken out deepest first (the table lists parents before children), each lazily: a busy one goes too. */
    FILE *table = fopen("/proc/self/mountinfo", "re");
    if (table == NULL) {
        fail("cannot read", "/proc/self/mountinfo");
    }
    size_t cap = 64, count = 0;
    char **points = malloc(cap * sizeof *points);
    char line[8192];
    while (points != NULL && fgets(line, sizeof line, table) != NULL) {
        char point[4096];
        if (sscanf(line, "%*s %*s %*s %*s %4095s", point) != 1) {
            continue;
        }
        unescape(point);
        if (!under(point, dir) || strcmp(point, "/") == 0) {
            continue;
        }
        if (count == cap) {
            cap *= 2;
            char **grown = realloc(points, cap * sizeof *points);
            if (grown == NULL) {
                break;
            }
            points = grown;
        }
        points[count++] = strdup(point);
    }
    fclose(table);
    if (points == NULL) {
        fail("out of memory reading", "/proc/self/mountinfo");
    }
    for (size_t k = count; k > 0; k--) {
        if (points[k - 1] != NULL) {
            umount2(points[k - 1], MNT_DETACH); /* gone already with its parent: nothing to do */
        }
    }
    /* The calls every sandbox's launch makes in this view: refused here, the harness goes without it. */
    int probe = clone_tree(dir);
    if (probe < 0) {
        fail("this kernel cannot copy a mount tree (open_tree)", dir);
    }
    close(probe);
    if (write(1, "READY\n", 6) != 6) {
        fail("cannot tell the harness it is ready", "");
    }
    char ignored[64];
    while (read(0, ignored, sizeof ignored) > 0) {
    }
    return 0;
}

/*
 * Step 2b: this sandbox's mounts under own (copied first, while they are in sight), then into a new
 * namespace copied from the clean view, and the copy moved to the same path there.
 */
static void enter_mount_view(const char *view, const char *own) {
    int tree = clone_tree(own);
    if (tree < 0) {
        fail("cannot copy the sandbox's mounts at", own);
    }
    char file[4096];
    const char *at = strrchr(view, '@');
    char *end;
    unsigned long long inode = at != NULL ? strtoull(at + 1, &end, 10) : 0;
    if (at == NULL || at == view || (size_t)(at - view) >= sizeof file || *end != '\0' || inode == 0) {
        usage("--mount-view takes NAMESPACE_FILE@INODE", view);
    }
    memcpy(file, view, (size_t)(at - view));
    file[at - view] = '\0';
    int ns = open(file, O_RDONLY | O_CLOEXEC);
    if (ns < 0) {
        fail("cannot open the clean mount view", file);
    }
    struct stat st;
    if (fstat(ns, &st) != 0 || (unsigned long long)st.st_ino != inode) {
        errno = ESTALE;
        fail("the clean mount view is gone (another namespace has its name)", view);
    }
    if (setns(ns, CLONE_NEWNS) != 0) {
        fail("cannot enter the clean mount view", view);
    }
    close(ns);
    if (unshare(CLONE_NEWNS) != 0) {
        fail("cannot make a mount namespace", "");
    }
    if (syscall(SYS_move_mount, tree, "", AT_FDCWD, own, VIEW_MOVE_MOUNT_F_EMPTY_PATH) != 0) {
        fail("cannot place the sandbox's mounts at", own);
    }
    close(tree);
    if (chdir("/") != 0) {
        fail("cannot enter", "/");
    }
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--hold-mount-view") == 0) {
        return hold_mount_view(argv[2]);
    }
    const char *view = NULL, *own = NULL;
    const char *cgroups[MAX_ITEMS];
    const char *sysctls[MAX_ITEMS];
    int ncgroups = 0, nsysctls = 0;
    long uid = -1;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (i + 1 >= argc) {
            usage("an option without its value", argv[i]);
        }
        if (strcmp(argv[i], "--cgroup") == 0 && ncgroups < MAX_ITEMS) {
            cgroups[ncgroups++] = argv[++i];
        } else if (strcmp(argv[i], "--mount-view") == 0) {
            view = argv[++i];
        } else if (strcmp(argv[i], "--own-mounts") == 0) {
            own = argv[++i];
        } else if (strcmp(argv[i], "--ipc-sysctl") == 0 && nsysctls < MAX_ITEMS) {
            sysctls[nsysctls++] = argv[++i];
        } else if (strcmp(argv[i], "--user") == 0) {
            char *end;
            uid = strtol(argv[++i], &end, 10);
            if (*end != '\0' || uid <= 0) {
                usage("--user takes a positive uid", argv[i]);
            }
        } else {
            usage("unknown option, or too many of one", argv[i]);
        }
    }
    if (i + 1 >= argc) {
        usage("no program after --", "");
    }
    if ((view == NULL) != (own == NULL)) {
        usage("--mount-view and --own-mounts go together", view != NULL ? view : own);
    }
    char **program = argv + i + 1;

    if (setsid() < 0) {
        fail("cannot start a session", "");
    }
    char pid[32];
    snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    for (int c = 0; c < ncgroups; c++) {
        write_file(cgroups[c], pid);
    }
    if (view != NULL) {
        enter_mount_view(view, own);
    }
    if (nsysctls > 0) {
        if (unshare(CLONE_NEWIPC) != 0) {
            fail("cannot make an IPC namespace", "");
        }
        for (int s = 0; s < nsysctls; s++) {
            const char *eq = strchr(sysctls[s], '=');
            if (eq == NULL || eq == sysctls[s] || eq - sysctls[s] > 64 || strchr(sysctls[s], '/') != NULL) {
                usage("--ipc-sysctl takes kernel.NAME=VALUE", sysctls[s]);
            }
            char path[128] = "/proc/sys/";
            size_t at = strlen(path);
            for (const char *p = sysctls[s]; p < eq; p++) {
                path[at++] = *p == '.' ? '/' : *p;
            }
            path[at] = '\0';
            if (strncmp(path, "/proc/sys/kernel/", 17) != 0) {
                usage("--ipc-sysctl sets kernel.* only", sysctls[s]);
            }
            write_file(path, eq + 1);
        }
    }
    if (uid > 0) {
        if (setgroups(0, NULL) != 0) {
            fail("cannot drop the groups", "");
        }
        if (setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0) {
            fail("cannot set the group id", "");
        }
        if (setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) {
            fail("cannot set the user id", "");
        }
    }
    execvp(program[0], program);
    fail("cannot run", program[0]);
    return 125;
}
