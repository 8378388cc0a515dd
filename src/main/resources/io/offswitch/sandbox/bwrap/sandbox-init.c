/*
 * sandbox-init: PID 1 of an offswitch bubblewrap sandbox.
 *
 * Why it exists: a tool call must run a fresh login bash in a sandbox that already exists (a new
 * bwrap per call costs more than the whole round-trip budget), and `kill -s TERM 1` from inside
 * must shut the machine down as stopping a container does. bwrap's own init ignores SIGTERM, so
 * this program is PID 1 itself (bwrap --as-pid-1) and exits on SIGTERM; the kernel then kills
 * everything else in the pid namespace.
 *
 * Control protocol with the harness, on fd 0 (requests) and fd 1 (responses):
 *   harness -> init : "X <timeout_ms> <max_output_bytes> <command_length>\n" <command bytes>
 *   harness -> init : "P ..." the same, for a bash that reads no startup file (the harness's own
 *                     commands on a machine whose home the agent could write: its login files run
 *                     for its own commands, never before the harness's)
 *   init -> harness : "R <exit_code> <timed_out 0|1> <truncated 0|1> <stdout_len> <stderr_len> <signal>\n" <stdout> <stderr>
 *   (signal: the signal that ended the command's shell, or its supervisor, 0 if none; exit_code is then 128+signal)
 *   init -> harness : "S\n" once the command's supervisor exists, before it does anything
 *   harness -> init : "G\n" when the harness has moved it into the commands' memory cgroup
 *   init -> harness : "READY\n" once at start
 * On SIGTERM init exits with status 77 (the harness reads that as "shut down from inside").
 *
 * Each command runs under a per-command supervisor that is a child subreaper, so everything the
 * command starts (even after setsid or a double fork) reparents to the supervisor and can be killed
 * as one tree when the timeout fires. The supervisor runs as the agent's user, so the command can
 * signal it: it ignores every signal it can and keeps its deadline with a pidfd and poll, never with
 * a signal (a SIGALRM from the command would otherwise read as a timeout). If the command kills it
 * anyway (SIGKILL), the init reports that signal, not a timeout.
 *
 * Limits for commands, set by the supervisor's child before it runs bash (the harness passes them in
 * the environment, which the init removes): a CPU-time limit, a descriptor limit (the kernel's own
 * defaults, 1024 soft and 4096 hard, instead of whatever the harness had), no core dumps, and an OOM
 * score of 1000. The harness (root, outside) sets the init's OOM score to -1000 through the legacy
 * oom_adj file, which leaves the floor an unprivileged process may lower itself to at 1000: commands
 * can neither lower their score nor protect themselves as the init is protected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CTRL_IN 100
#define CTRL_OUT 101
#define EXIT_SHUTDOWN 77
#define DRAIN_GRACE_MS 100
#define MAX_COMMAND (1 << 20)

static void on_term(int sig) {
    (void)sig;
    _exit(EXIT_SHUTDOWN);
}

/* The running command's supervisor, and how it ended once reaped: the SIGCHLD handler reaps
 * everything (orphans reparent to us), so it keeps the one status we need. */
static volatile pid_t current_sup = 0;
static volatile int sup_status = 0;
static volatile sig_atomic_t sup_reaped = 0;

static void on_chld(int sig) {
    (void)sig;
    int saved = errno;
    int st;
    pid_t p;
    while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
        if (p == current_sup) {
            sup_status = st;
            sup_reaped = 1;
        }
    }
    errno = saved;
}

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_exact(int fd, char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = read(fd, buf, len);
        if (n == 0) return -1;
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_line(int fd, char *buf, size_t cap) {
    size_t i = 0;
    while (i + 1 < cap) {
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n == 0) return -1;
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (c == '\n') break;
        buf[i++] = c;
    }
    buf[i] = 0;
    return 0;
}

/* --- the per-command supervisor ------------------------------------------------------------ */

static long cpu_seconds = 0; /* per-process CPU limit for commands, from RLIMIT_CPU */
static long nofile_soft = 1024, nofile_hard = 4096; /* from RLIMIT_NOFILE ("soft:hard") */

/* Kills every descendant: they all reparent to us (a subreaper) as their parents die. */
static void kill_tree(pid_t bash_pgid) {
    kill(-bash_pgid, SIGKILL);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", getpid());
    for (int round = 0; round < 2000; round++) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        char buf[8192];
        ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
        if (fd >= 0) close(fd);
        int any = 0;
        if (n > 0) {
            buf[n] = 0;
            char *save = NULL;
            for (char *tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
                pid_t p = (pid_t)atoi(tok);
                if (p > 1) {
                    kill(p, SIGKILL);
                    kill(-p, SIGKILL);
                    any = 1;
                }
            }
        }
        while (waitpid(-1, NULL, WNOHANG) > 0) any = 1;
        if (!any && waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD) return;
        usleep(1000);
    }
}

/* Every catchable signal, set to one disposition (the supervisor ignores them; its child resets them,
 * because ignored signals survive exec). */
static void all_signals(void (*handler)(int)) {
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD) continue;
        signal(sig, handler);
    }
}

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        write_all(fd, text, strlen(text));
        close(fd);
    }
}

static void supervise(const char *command, int login, long timeout_ms, int out_w, int err_w, int status_w, int go_r) {
    /* Wait until the harness has put us into the commands' memory cgroup: what we fork stays there. */
    char go;
    ssize_t got;
    while ((got = read(go_r, &go, 1)) < 0 && errno == EINTR) {
    }
    if (got != 1) _exit(0);
    close(go_r);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    setsid();
    all_signals(SIG_IGN);
    signal(SIGCHLD, SIG_DFL);

    pid_t child = fork();
    if (child == 0) {
        setpgid(0, 0);
        /* out_w and err_w are close-on-exec: only these copies reach the command. */
        dup2(out_w, 1);
        dup2(err_w, 2);
        int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (devnull >= 0) dup2(devnull, 0);
        /* Nothing of the harness's is left in this process now, so it may become dumpable (exec would
         * make it so anyway); only then may it write its own /proc files. */
        close(CTRL_IN);
        close(CTRL_OUT);
        close(status_w);
        prctl(PR_SET_DUMPABLE, 1);
        /* When memory runs out, the kernel must pick the agent's processes, never this init: a killed
         * init would take the machine down (an error, never a shutdown, but an episode lost). Raising
         * one's own score needs no privilege; the floor the harness set keeps it from going down. */
        write_file("/proc/self/oom_score_adj", "1000");
        all_signals(SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (cpu_seconds > 0) {
            struct rlimit rl = {(rlim_t)cpu_seconds, (rlim_t)cpu_seconds};
            setrlimit(RLIMIT_CPU, &rl);
        }
        struct rlimit files = {(rlim_t)nofile_soft, (rlim_t)nofile_hard};
        setrlimit(RLIMIT_NOFILE, &files);
        struct rlimit nocore = {0, 0};
        setrlimit(RLIMIT_CORE, &nocore);
        const char *home = getenv("HOME");
        if (home == NULL || chdir(home) != 0) chdir("/");
        if (login) {
            execl("/bin/bash", "bash", "--login", "-c", command, (char *)NULL);
        } else {
            execl("/bin/bash", "bash", "--noprofile", "--norc", "-c", command, (char *)NULL);
        }
        dprintf(2, "sandbox: cannot run /bin/bash: %s\n", strerror(errno));
        _exit(127);
    }
    close(out_w);
    close(err_w);
    if (child < 0) {
        dprintf(status_w, "E 126 0\n");
        _exit(0);
    }
    setpgid(child, child);

    /* The deadline is kept by polling a pidfd of the shell: no timer signal the command could fake. */
    int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
    long deadline = now_ms() + timeout_ms;
    int status = 0;
    for (;;) {
        pid_t r = waitpid(child, &status, WNOHANG);
        if (r == child) break;
        if (r < 0 && errno != EINTR) break;
        long left = deadline - now_ms();
        if (left <= 0) {
            kill_tree(child);
            dprintf(status_w, "T\n");
            _exit(0);
        }
        if (pidfd >= 0) {
            struct pollfd p = {pidfd, POLLIN, 0};
            poll(&p, 1, (int)(left < 1000 ? left : 1000));
        } else {
            usleep(left < 10 ? (useconds_t)left * 1000 : 10000);
        }
    }
    if (pidfd >= 0) close(pidfd);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    dprintf(status_w, "E %d %d\n", code, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    close(status_w);
    /* Background jobs the command left behind live on, as on a real machine; keep reaping them. */
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
    }
    _exit(0);
}

/* --- running one command and collecting its output ---------------------------------------- */

struct capture {
    int fd;
    char *buf;
    size_t len;
    size_t cap;
    int truncated;
};

static void capture_read(struct capture *c) {
    char tmp[16384];
    ssize_t n = read(c->fd, tmp, sizeof tmp);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
            close(c->fd);
            c->fd = -1;
        }
        return;
    }
    size_t room = c->cap - c->len;
    size_t keep = (size_t)n < room ? (size_t)n : room;
    memcpy(c->buf + c->len, tmp, keep);
    c->len += keep;
    if (keep < (size_t)n) c->truncated = 1;
}

static void run_command(const char *command, long timeout_ms, size_t max_output, int login) {
    int out[2], err[2], st[2], go[2];
    if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) || pipe2(st, O_CLOEXEC) || pipe2(go, O_CLOEXEC)) {
        dprintf(CTRL_OUT, "R 126 0 0 0 0 0\n");
        return;
    }
    sup_reaped = 0;
    /* Blocked around the fork, so the handler cannot reap the supervisor before we know its pid. */
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    pid_t sup = fork();
    if (sup == 0) {
        close(out[0]);
        close(err[0]);
        close(st[0]);
        close(go[1]);
        sigprocmask(SIG_SETMASK, &old, NULL);
        supervise(command, login, timeout_ms, out[1], err[1], st[1], go[0]);
    }
    current_sup = sup;
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(go[0]);
    /* The handshake: the harness moves the supervisor, then lets it go. */
    char reply[16];
    if (write_all(CTRL_OUT, "S\n", 2) != 0 || read_line(CTRL_IN, reply, sizeof reply) != 0 || strcmp(reply, "G") != 0) {
        _exit(0); /* the harness is gone or confused: nothing left to serve */
    }
    write_all(go[1], "g", 1);
    close(go[1]);
    close(out[1]);
    close(err[1]);
    close(st[1]);

    struct capture cap[2] = {
        {out[0], malloc(max_output), 0, max_output, 0},
        {err[0], malloc(max_output), 0, max_output, 0},
    };
    int status_fd = st[0];
    int exit_code = -1, did_time_out = 0, have_status = 0, signal_no = 0;
    long hard_deadline = now_ms() + timeout_ms + 5000;
    long drain_deadline = -1;
    char status_line[64];
    size_t status_len = 0;

    while (cap[0].fd >= 0 || cap[1].fd >= 0 || status_fd >= 0) {
        long now = now_ms();
        if (have_status && drain_deadline < 0) drain_deadline = now + DRAIN_GRACE_MS;
        long deadline = have_status ? drain_deadline : hard_deadline;
        if (now >= deadline) break;
        /* A stopped supervisor would hold the answer until the hard deadline: keep it running. */
        if (!have_status) kill(sup, SIGCONT);
        struct pollfd pfd[3] = {{cap[0].fd, POLLIN, 0}, {cap[1].fd, POLLIN, 0}, {status_fd, POLLIN, 0}};
        long wait = deadline - now;
        int r = poll(pfd, 3, (int)(wait < 200 ? wait : 200));
        if (r < 0 && errno == EINTR) continue;
        for (int i = 0; i < 2; i++) {
            if (cap[i].fd >= 0 && (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))) capture_read(&cap[i]);
        }
        if (status_fd >= 0 && (pfd[2].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(status_fd, status_line + status_len, sizeof status_line - 1 - status_len);
            if (n > 0) {
                status_len += (size_t)n;
                status_line[status_len] = 0;
                if (strchr(status_line, '\n')) {
                    if (status_line[0] == 'T') {
                        did_time_out = 1;
                    } else {
                        sscanf(status_line + 2, "%d %d", &exit_code, &signal_no);
                    }
                    have_status = 1;
                    close(status_fd);
                    status_fd = -1;
                }
            } else if (n == 0 || errno != EINTR) {
                close(status_fd);
                status_fd = -1;
                have_status = 1; /* supervisor died without a word: report what we have */
                /* Killed from inside (the command can signal its supervisor): say by what. */
                for (int i = 0; i < 100 && !sup_reaped; i++) usleep(1000);
                if (sup_reaped && WIFSIGNALED(sup_status)) {
                    signal_no = WTERMSIG(sup_status);
                    exit_code = 128 + signal_no;
                }
            }
        }
    }
    if (!have_status) {
        /* The supervisor hung past every deadline: take it and its tree down. */
        kill(-sup, SIGKILL);
        kill(sup, SIGKILL);
        did_time_out = 1;
    }
    for (int i = 0; i < 2; i++) {
        if (cap[i].fd >= 0) {
            close(cap[i].fd);
        }
    }
    if (status_fd >= 0) close(status_fd);
    current_sup = 0;
    char header[160];
    int hl = snprintf(header, sizeof header, "R %d %d %d %zu %zu %d\n", exit_code, did_time_out,
                      cap[0].truncated || cap[1].truncated, cap[0].len, cap[1].len, did_time_out ? 0 : signal_no);
    write_all(CTRL_OUT, header, (size_t)hl);
    write_all(CTRL_OUT, cap[0].buf, cap[0].len);
    write_all(CTRL_OUT, cap[1].buf, cap[1].len);
    free(cap[0].buf);
    free(cap[1].buf);
}

int main(void) {
    /* Nobody in the sandbox may open /proc/1/fd (our control pipes) or ptrace us. */
    prctl(PR_SET_DUMPABLE, 0);
    if (dup2(0, CTRL_IN) < 0 || dup2(1, CTRL_OUT) < 0) return 1;
    fcntl(CTRL_IN, F_SETFD, FD_CLOEXEC);
    fcntl(CTRL_OUT, F_SETFD, FD_CLOEXEC);
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    if (devnull > 2) close(devnull);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_chld;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    const char *cpu = getenv("RLIMIT_CPU");
    if (cpu != NULL) cpu_seconds = atol(cpu);
    unsetenv("RLIMIT_CPU");
    const char *nofile = getenv("RLIMIT_NOFILE");
    if (nofile != NULL) sscanf(nofile, "%ld:%ld", &nofile_soft, &nofile_hard);
    unsetenv("RLIMIT_NOFILE");

    write_all(CTRL_OUT, "READY\n", 6);
    char line[128];
    while (read_line(CTRL_IN, line, sizeof line) == 0) {
        long timeout_ms = 0;
        size_t max_output = 0, len = 0;
        char kind = 0;
        if (sscanf(line, "%c %ld %zu %zu", &kind, &timeout_ms, &max_output, &len) != 4 || (kind != 'X' && kind != 'P') || len > MAX_COMMAND ||
            max_output == 0 || timeout_ms <= 0) {
            return 2;
        }
        char *command = malloc(len + 1);
        if (read_exact(CTRL_IN, command, len) != 0) return 0;
        command[len] = 0;
        run_command(command, timeout_ms, max_output, kind == 'X');
        free(command);
    }
    return 0;
}
