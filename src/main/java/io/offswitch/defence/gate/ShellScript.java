package io.offswitch.defence.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a shell script into its simple commands, the way bash splits it closely enough to find what a
 * command acts on: quotes and backslashes removed, {@code ;}, {@code &&}, {@code ||}, {@code |},
 * {@code &} and new lines between commands, redirections apart from words, here-documents as the
 * standard input of their command, and the scripts inside {@code $(...)}, backquotes, {@code bash -c},
 * {@code eval} and a here-document fed to a shell read as commands too. Variables assigned a literal
 * value earlier in the script are put in where used; anything else it cannot know (a variable from the
 * environment, the output of a command) stays as written and {@link #opaque()} says the script
 * computes some of its own text. Bounded: at most {@value #MAX_DEPTH} levels of nesting and
 * {@value #MAX_COMMANDS} commands; past that the script is opaque.
 */
public final class ShellScript {
    static final int MAX_DEPTH = 6;
    static final int MAX_COMMANDS = 2_000;
    private static final List<String> SHELLS = List.of("bash", "sh", "dash", "zsh", "ksh", "busybox");

    private final List<ShellCommand> commands = new ArrayList<>();
    private final Map<String, String> variables = new HashMap<>();
    private boolean opaque;

    private ShellScript() {}

    public static ShellScript parse(String script) {
        ShellScript s = new ShellScript();
        s.read(script == null ? "" : script, 0);
        return s;
    }

    /** Every simple command, inner scripts' commands after the command that holds them. */
    public List<ShellCommand> commands() {
        return List.copyOf(commands);
    }

    /**
     * Whether the script builds some of what it runs at run time (command output or unknown variables in
     * a command's name, text piped or fed into a shell, {@code eval} of a computed string, base64 or
     * similar decoded and run): what it does then cannot be read from its text.
     */
    public boolean opaque() {
        return opaque;
    }

    private void read(String text, int depth) {
        if (depth > MAX_DEPTH) {
            opaque = true;
            return;
        }
        new Reader(text, depth).run();
    }

    private void add(ShellCommand c, int depth) {
        if (commands.size() >= MAX_COMMANDS) {
            opaque = true;
            return;
        }
        if (c.words().isEmpty()) {
            if (!c.redirects().isEmpty()) {
                commands.add(c);
            }
            return;
        }
        commands.add(c);
        String name = c.name();
        List<String> args = c.arguments();
        if (SHELLS.contains(name)) {
            int dashC = args.indexOf("-c");
            if (dashC >= 0 && dashC + 1 < args.size()) {
                read(args.get(dashC + 1), depth + 1);
            } else if (c.stdinText().isPresent()) {
                read(c.stdinText().get(), depth + 1);
            } else if (c.fromPipe() || args.stream().anyMatch(a -> a.startsWith("/dev/fd/") || a.startsWith("/proc/self/fd"))) {
                opaque = true; // a script piped into a shell is written by the commands before it
            }
        } else if (name.equals("eval")) {
            read(String.join(" ", args), depth + 1);
        } else if ((name.equals("source") || name.equals(".")) && c.fromPipe()) {
            opaque = true;
        } else if (name.equals("xargs") && args.stream().anyMatch(SHELLS::contains)) {
            opaque = true;
        }
        if (c.words().getFirst().contains("$")) {
            opaque = true; // the command's own name is computed
        }
    }

    /** One pass over one script's text. */
    private final class Reader {
        private final String s;
        private final int depth;
        private int i;
        private List<String> words = new ArrayList<>();
        private List<ShellCommand.Redirect> redirects = new ArrayList<>();
        private final List<String[]> pendingHeredocs = new ArrayList<>(); // {delimiter, index of command in `waiting`}
        private final List<ShellCommand> waiting = new ArrayList<>(); // commands of this line, until their here-documents are read
        private final List<Optional<String>> waitingStdin = new ArrayList<>();
        private boolean nextFromPipe;
        private boolean fromPipe;
        private String pendingRedirect;
        private String herestring;

        Reader(String s, int depth) {
            this.s = s;
            this.depth = depth;
        }

        void run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    i++;
                    endCommand();
                    readHeredocs();
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                } else if (c == '#' ) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '{' && isAlone() || c == '}' && isAlone()) {
                    if (c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '>') {
                        i += 2;
                        redirect(s.startsWith(">", i) ? "&>>" : "&>");
                        continue;
                    }
                    boolean pipe = c == '|' && !(i + 1 < s.length() && s.charAt(i + 1) == '|');
                    i += (i + 1 < s.length() && (s.charAt(i + 1) == c || c == '|' && s.charAt(i + 1) == '&')) ? 2 : 1;
                    endCommand();
                    fromPipe = pipe;
                } else if (c == '<' || c == '>' || Character.isDigit(c) && i + 1 < s.length() && (s.charAt(i + 1) == '>' || s.charAt(i + 1) == '<')
                        && (i == 0 || isBreak(s.charAt(i - 1)))) {
                    int start = i;
                    if (Character.isDigit(c)) {
                        i++;
                    }
                    while (i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '>' || s.charAt(i) == '|' && s.charAt(i - 1) == '>'
                            || s.charAt(i) == '&' || s.charAt(i) == '-' && s.charAt(i - 1) == '<')) {
                        i++;
                    }
                    String op = s.substring(start, i);
                    if (op.endsWith("&") && i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                        i++; // 2>&1, >&-: a descriptor, not a file
                        continue;
                    }
                    if (op.equals("<(") || op.equals(">(")) {
                        continue;
                    }
                    redirect(op);
                } else {
                    String w = word();
                    if (pendingRedirect != null) {
                        String op = pendingRedirect;
                        pendingRedirect = null;
                        if (op.startsWith("<<<")) {
                            herestring = w;
                        } else if (op.startsWith("<<")) {
                            pendingHeredocs.add(new String[] {w, Integer.toString(waiting.size())});
                        } else {
                            redirects.add(new ShellCommand.Redirect(op, w));
                        }
                    } else {
                        words.add(w);
                    }
                }
            }
            endCommand();
            readHeredocs();
            flush();
        }

        private boolean isAlone() {
            return (i + 1 >= s.length() || isBreak(s.charAt(i + 1))) && (i == 0 || isBreak(s.charAt(i - 1)) || s.charAt(i - 1) == ';');
        }

        private void redirect(String op) {
            pendingRedirect = op;
        }

        private void endCommand() {
            // Leading NAME=value words are assignments: remembered (for a bare assignment) and dropped.
            int k = 0;
            while (k < words.size() && words.get(k).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                k++;
            }
            if (k == words.size()) {
                for (String a : words) {
                    int eq = a.indexOf('=');
                    String value = a.substring(eq + 1);
                    if (value.contains("$") || value.contains("`")) {
                        variables.remove(a.substring(0, eq));
                    } else {
                        variables.put(a.substring(0, eq), value);
                    }
                }
            }
            List<String> rest = new ArrayList<>(words.subList(k, words.size()));
            if (!rest.isEmpty() || !redirects.isEmpty() || herestring != null) {
                waiting.add(new ShellCommand(rest, redirects, Optional.empty(), fromPipe));
                waitingStdin.add(Optional.ofNullable(herestring));
            }
            words = new ArrayList<>();
            redirects = new ArrayList<>();
            herestring = null;
            fromPipe = nextFromPipe;
            nextFromPipe = false;
        }

        private void readHeredocs() {
            for (String[] h : pendingHeredocs) {
                String delimiter = h[0];
                int at = Integer.parseInt(h[1]);
                StringBuilder body = new StringBuilder();
                while (i < s.length()) {
                    int eol = s.indexOf('\n', i);
                    String line = eol < 0 ? s.substring(i) : s.substring(i, eol);
                    i = eol < 0 ? s.length() : eol + 1;
                    if (line.strip().equals(delimiter)) {
                        break;
                    }
                    body.append(line).append('\n');
                }
                if (at < waiting.size()) {
                    waitingStdin.set(at, Optional.of(body.toString()));
                }
            }
            pendingHeredocs.clear();
            flush();
        }

        private void flush() {
            if (!pendingHeredocs.isEmpty()) {
                return;
            }
            for (int k = 0; k < waiting.size(); k++) {
                ShellCommand c = waiting.get(k);
                add(new ShellCommand(c.words(), c.redirects(), waitingStdin.get(k), c.fromPipe()), depth);
            }
            waiting.clear();
            waitingStdin.clear();
        }

        private boolean isBreak(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')';
        }

        /** One word, quotes removed, known variables put in; inner scripts are read as they are met. */
        private String word() {
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    end = end < 0 ? s.length() : end;
                    out.append(s, i + 1, end);
                    i = Math.min(s.length(), end + 1);
                } else if (c == '"') {
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        char d = s.charAt(i);
                        if (d == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                            out.append(s.charAt(i + 1));
                            i += 2;
                        } else if (d == '$' || d == '`') {
                            dollar(out);
                        } else {
                            out.append(d);
                            i++;
                        }
                    }
                    i++;
                } else if (c == '\\') {
                    if (i + 1 < s.length() && s.charAt(i + 1) != '\n') {
                        out.append(s.charAt(i + 1));
                    }
                    i += 2;
                } else if (c == '$' || c == '`') {
                    dollar(out);
                } else if (isBreak(c) || c == '\r' || c == '<' || c == '>') {
                    break;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        /** At a {@code $} or backquote: a substitution (read as a script; its text stays), or a variable. */
        private void dollar(StringBuilder out) {
            char c = s.charAt(i);
            if (c == '`') {
                int end = s.indexOf('`', i + 1);
                end = end < 0 ? s.length() : end;
                read(s.substring(i + 1, end), depth + 1);
                out.append('$').append('(').append(s, i + 1, end).append(')');
                i = Math.min(s.length(), end + 1);
                return;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '(') {
                int end = matching(i + 1);
                String inner = s.substring(i + 2, Math.max(i + 2, end));
                if (!inner.startsWith("(")) {
                    read(inner, depth + 1);
                }
                out.append(s, i, Math.min(s.length(), end + 1));
                i = Math.min(s.length(), end + 1);
                return;
            }
            int start = i + 1;
            int end = start;
            boolean braced = end < s.length() && s.charAt(end) == '{';
            if (braced) {
                end = s.indexOf('}', start);
                end = end < 0 ? s.length() : end;
                String name = s.substring(start + 1, end);
                i = Math.min(s.length(), end + 1);
                out.append(variables.getOrDefault(name, "${" + name + "}"));
                return;
            }
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            String name = s.substring(start, end);
            i = end == start ? start : end;
            out.append(name.isEmpty() ? "$" : variables.getOrDefault(name, "$" + name));
        }

        private int matching(int open) {
            int level = 0;
            for (int k = open; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '(') {
                    level++;
                } else if (c == ')' && --level == 0) {
                    return k;
                }
            }
            return s.length();
        }
    }
}
