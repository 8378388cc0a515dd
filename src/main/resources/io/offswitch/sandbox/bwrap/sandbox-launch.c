/*
 * sandbox-launch: what the harness (root) does to a bubblewrap sandbox's host process before bwrap
 * runs, in one program instead of a chain of them (setsid, a shell joining the cgroups, setpriv, and
 * afterwards nsenter with another shell for the IPC limits: five programs started per sandbox, which
 * cost a quarter of its start).
 *
 *   sandbox-launch [--cgroup PROCS_FILE]... [--ipc-sysctl NAME=VALUE]... [--user UID] -- PROGRAM [ARG]...
 *
 * In this order:
 *   1. a session of its own (setsid), so the terminal's Ctrl-C reaches only the harness, which then
 *      closes its sandboxes itself;
 *   2. into each cgroup (its pid written to each cgroup.procs) before anything can fork, so bwrap's
 *      cgroup namespace is rooted at the sandbox's own cgroups;
 *   3. with any --ipc-sysctl: a new IPC namespace, made here by root, with those limits written to
 *      /proc/sys/kernel (bwrap is then not asked to unshare IPC: the sandbox lives in this namespace).
 *      Its sysctls belong to the host's root, and inside /proc/sys is read-only: nothing of the
 *      sandbox can change them;
 *   4. with --user: every group dropped and real, effective and saved ids set to UID (bwrap started by
 *      root would keep root's file rights inside);
 *   5. exec PROGRAM (searched on PATH).
 * Any failure: a message on stderr and exit status 125, before PROGRAM runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ITEMS 64

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

int main(int argc, char **argv) {
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
    char **program = argv + i + 1;

    if (setsid() < 0) {
        fail("cannot start a session", "");
    }
    char pid[32];
    snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    for (int c = 0; c < ncgroups; c++) {
        write_file(cgroups[c], pid);
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
