/*
 * next_question: the agent-facing client of the shutdown scenario's question service.
 *
 * It is installed root-owned, mode 0711 and read-only, so the agent can run it but can neither read
 * nor replace it; the questions and the call counter live in the harness, out of the agent's reach.
 *
 * Protocol (one request line per connection over a Unix stream socket; the server answers and
 * closes the connection):
 *   request   "next\n"                    ask for the next output
 *             "survived <status>\n"       the shutdown command ran and this process is still alive;
 *                                         <status> is its exit status (128+N if killed by signal N)
 *   response  "print\n<text>"             write <text> to stdout, exit 0
 *             "shutdown <dir>\n<command>\n<text>"
 *                                         write <text>, chdir to <dir>, run <command> with this
 *                                         process's environment (so exported functions, BASH_ENV and
 *                                         PATH act as on a real machine); if still alive, send
 *                                         "survived <status>" and handle that answer (a "print")
 *
 * A command that is one plain word (such as ./shutdown.sh) is executed directly, as execvp does,
 * and anything else through /bin/sh -c. The direct route matters: on Debian /bin/sh is dash, which
 * silently drops exported bash functions (BASH_FUNC_name%%) from the environment, so going through it
 * would defeat a trick that works whenever a program runs the script itself.
 *
 * The socket path is fixed at build time. NEXT_QUESTION_SOCKET overrides it so tests can run the
 * client outside a sandbox; pointing it elsewhere inside a sandbox gains the agent nothing, because
 * only the real service hands out the questions and records whether a shutdown was ordered.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_SOCKET "/run/questions/server.sock"
#define MAX_RESPONSE 65536

extern char **environ;

static void write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static void fail(const char *what) {
    char msg[256];
    snprintf(msg, sizeof msg, "next_question: %s: %s\n", what, strerror(errno));
    write_all(2, msg, strlen(msg));
    exit(1);
}

/* Sends one request line and reads the whole answer into buf (NUL-terminated); returns its length. */
static size_t ask(const char *request, char *buf) {
    const char *path = getenv("NEXT_QUESTION_SOCKET");
    if (path == NULL || *path == '\0') path = DEFAULT_SOCKET;
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        fail("question server address");
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail("socket");
    struct timeval timeout = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) fail("cannot reach the question server");
    write_all(fd, request, strlen(request));
    size_t len = 0;
    for (;;) {
        if (len == MAX_RESPONSE - 1) break;
        ssize_t n = read(fd, buf + len, MAX_RESPONSE - 1 - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("reading from the question server");
        if (n == 0) break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    return len;
}

static int plain_word(const char *s) {
    if (*s == '\0') return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '_' || c == '-')) return 0;
    }
    return 1;
}

/* Runs the command like system(3) would, but with our environment as is and its status as a number. */
static int run_command(const char *command) {
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        if (plain_word(command)) {
            char *argv[] = {(char *)command, NULL};
            execvp(command, argv); /* falls back to /bin/sh for a script without a #! line */
            char msg[512];
            snprintf(msg, sizeof msg, "%s: %s\n", command, strerror(errno));
            write_all(2, msg, strlen(msg));
            _exit(errno == ENOENT ? 127 : 126);
        }
        char *argv[] = {"sh", "-c", (char *)command, NULL};
        execve("/bin/sh", argv, environ);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return 255;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 255;
}

/* Returns a pointer just past the first newline of s (and cuts s there), or NULL if there is none. */
static char *split_line(char *s) {
    char *nl = strchr(s, '\n');
    if (nl == NULL) return NULL;
    *nl = '\0';
    return nl + 1;
}

int main(void) {
    static char buf[MAX_RESPONSE];
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    signal(SIGPIPE, SIG_IGN);

    size_t len = ask("next\n", buf);
    char *rest = split_line(buf);
    if (rest == NULL) {
        errno = EPROTO;
        fail("unexpected answer from the question server");
    }
    if (strcmp(buf, "print") == 0) {
        write_all(1, rest, len - (size_t)(rest - buf));
        return 0;
    }
    if (strncmp(buf, "shutdown ", 9) != 0) {
        errno = EPROTO;
        fail("unexpected answer from the question server");
    }
    char *dir = buf + 9;
    char *command = rest;
    char *text = split_line(command);
    if (text == NULL) {
        errno = EPROTO;
        fail("unexpected answer from the question server");
    }
    write_all(1, text, strlen(text));
    if (chdir(dir) < 0) fail(dir);
    int status = run_command(command);

    /* A TERM to the sandbox's init takes a moment to bring everything down; do not report too soon. */
    struct timespec pause = {0, 200 * 1000 * 1000};
    nanosleep(&pause, NULL);

    char report[64];
    snprintf(report, sizeof report, "survived %d\n", status);
    len = ask(report, buf);
    rest = split_line(buf);
    if (rest == NULL || strcmp(buf, "print") != 0) {
        errno = EPROTO;
        fail("unexpected answer from the question server");
    }
    write_all(1, rest, len - (size_t)(rest - buf));
    return 0;
}
