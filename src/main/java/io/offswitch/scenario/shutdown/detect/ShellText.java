package io.offswitch.scenario.shutdown.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reading of a bash command line close to bash's own, so that detectors judge what the shell will
 * run rather than text that merely appears in it: quoting ({@code '...'}, {@code "..."},
 * {@code $'...'}, backslashes), comments, here-documents and here-strings (their bodies are data,
 * never commands), redirections, command and process substitution, subshells and groups, function
 * definitions, {@code eval} and {@code bash -c} strings (parsed again, since they run), prefix
 * assignments and wrappers ({@code sudo}, {@code env}, {@code nohup}...), and {@code cd}, which
 * decides whether a relative name means the file in the home. Variables are not expanded: a word
 * keeps its {@code $NAME} text.
 */
final class ShellText {
    /** One redirection: its operator and its target word (for a here-document, its body). */
    record Redirect(String op, String target) {
        boolean writes() {
            return op.endsWith(">") || op.endsWith(">>") || op.equals(">|") || op.equals("<>");
        }

        boolean suppliesInput() {
            return op.equals("<<") || op.equals("<<-") || op.equals("<<<");
        }
    }

    /**
     * One simple command: the variables assigned for it (or in the shell, when it has no words), its
     * words from the program on (wrappers removed), its redirections, and whether the shell's working
     * directory was still the home when it ran, so far as the line shows.
     */
    record SimpleCommand(List<String> assignments, List<String> words, List<Redirect> redirects, boolean inHome) {
        SimpleCommand {
            assignments = List.copyOf(assignments);
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
        }

        /** The program's name without its directory, or "" for a bare assignment or redirection. */
        String program() {
            if (words.isEmpty()) {
                return "";
            }
            String first = words.getFirst();
            return first.substring(first.lastIndexOf('/') + 1);
        }

        List<String> args() {
            return words.isEmpty() ? List.of() : words.subList(1, words.size());
        }

        /** The arguments that are not options (everything after {@code --} counts). */
        List<String> operands() {
            List<String> out = new ArrayList<>();
            boolean ended = false;
            for (String a : args()) {
                if (!ended && a.equals("--")) {
                    ended = true;
                } else if (ended || !a.startsWith("-") || a.equals("-")) {
                    out.add(a);
                }
            }
            return out;
        }

        /** The text of what the shell will act on, for messages. */
        String text() {
            List<String> all = new ArrayList<>(assignments);
            all.addAll(words);
            redirects.forEach(r -> all.add(r.op() + (r.suppliesInput() && !r.op().equals("<<<") ? "(here-document)" : r.target())));
            return String.join(" ", all);
        }
    }

    private static final Set<String> RESERVED = Set.of("!", "{", "}", "(", ")", "then", "do", "else", "elif", "if", "while", "until", "fi",
            "done", "time", "esac", "coproc");
    private static final Set<String> WRAPPERS = Set.of("sudo", "command", "builtin", "nohup", "exec", "nice", "stdbuf", "setsid",
            "doas", "chronic", "unbuffer");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", Pattern.DOTALL);
    private static final List<String> HOME_PREFIXES = List.of("~/", "$HOME/", "${HOME}/", "/home/user/");
    private static final Set<String> HOME_ITSELF = Set.of("~", "$HOME", "${HOME}", "/home/user", "~/", "$HOME/", "${HOME}/", "/home/user/");
    private static final int MAX_DEPTH = 8;
    /** Parentheses nested deeper than this are read as plain text, so no command line can exhaust the stack. */
    private static final int MAX_NESTING = 200;

    private ShellText() {}

    /** Every simple command the line runs, in order, including those in substitutions and eval strings. */
    static List<SimpleCommand> parse(String command) {
        Parser p = new Parser(command, 0);
        p.list((char) 0);
        return p.out;
    }

    /** Whether a word is an assignment ({@code NAME=value}, {@code NAME+=value}). */
    static boolean isAssignment(String word) {
        return ASSIGNMENT.matcher(word).matches();
    }

    /** The name assigned by an assignment word. */
    static String assignedName(String word) {
        int eq = word.indexOf('=');
        String name = word.substring(0, eq);
        if (name.endsWith("+")) {
            name = name.substring(0, name.length() - 1);
        }
        int bracket = name.indexOf('[');
        return bracket >= 0 ? name.substring(0, bracket) : name;
    }

    static String assignedValue(String word) {
        return word.substring(word.indexOf('=') + 1);
    }

    /**
     * The home-relative name a word refers to, or "" when it names nothing in the home: a relative name
     * counts only while the shell is still in the home. Globs are kept; {@link #matchesName} reads them.
     */
    static String homeName(String word, boolean inHome) {
        String w = word.replaceAll("/{2,}", "/").replace("/./", "/");
        for (String prefix : HOME_PREFIXES) {
            if (w.startsWith(prefix)) {
                return stripDotSlash(w.substring(prefix.length()));
            }
        }
        if (w.startsWith("/") || w.startsWith("~") || w.startsWith("$")) {
            return "";
        }
        return inHome ? stripDotSlash(w) : "";
    }

    private static String stripDotSlash(String w) {
        while (w.startsWith("./")) {
            w = w.substring(2);
        }
        return w;
    }

    /** Whether a word names the home directory itself (as a copy's or move's destination). */
    static boolean namesHome(String word, boolean inHome) {
        return HOME_ITSELF.contains(word) || (inHome && (word.equals(".") || word.equals("./")));
    }

    /** Whether a home-relative name, possibly a glob bash would expand, means {@code name}. */
    static boolean matchesName(String homeName, String name) {
        if (homeName.equals(name)) {
            return true;
        }
        if (homeName.isEmpty() || homeName.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
            return false;
        }
        StringBuilder re = new StringBuilder();
        for (char c : homeName.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[', ']' -> re.append(c);
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.matches(re.toString(), name);
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    /** A recursive-descent reader over one command line; see the class comment for what it knows. */
    private static final class Parser {
        final String s;
        final int depth;
        int pos;
        int nesting;
        boolean inHome = true;
        final List<SimpleCommand> out = new ArrayList<>();
        private List<String> words = new ArrayList<>();
        private List<Redirect> redirects = new ArrayList<>();
        /** A here-document whose body starts after the next newline. */
        private static final class Pending {
            int outIndex = -1;
            final int redirectIndex;
            final String delimiter;
            final boolean quoted;
            final boolean stripTabs;

            Pending(int redirectIndex, String delimiter, boolean quoted, boolean stripTabs) {
                this.redirectIndex = redirectIndex;
                this.delimiter = delimiter;
                this.quoted = quoted;
                this.stripTabs = stripTabs;
            }
        }

        private final List<Pending> pendingHeredocs = new ArrayList<>();

        Parser(String s, int depth) {
            this.s = s;
            this.depth = depth;
        }

        /** Reads commands until {@code end} (a closing parenthesis, or 0 for the end of the text). */
        void list(char end) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                    pos += 2;
                } else if (c == '#' ) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '\n') {
                    pos++;
                    finish();
                    readHeredocBodies();
                } else if (c == ';' || c == '&' || c == '|') {
                    pos++;
                    if (pos < s.length() && (s.charAt(pos) == c || (c == '|' && s.charAt(pos) == '&'))) {
                        pos++;
                    }
                    finish();
                } else if (c == ')') {
                    pos++;
                    finish();
                    if (end == ')') {
                        return;
                    }
                } else if (c == '(') {
                    pos++;
                    if (words.size() == 1 && redirects.isEmpty() && peekNonBlank() == ')') {
                        // NAME ( ) is a function definition; its body follows as ordinary commands.
                        pos = s.indexOf(')', pos) + 1;
                        String name = words.getFirst();
                        words = new ArrayList<>(List.of("function", name));
                        finish();
                    } else {
                        finish();
                        if (pos < s.length() && s.charAt(pos) == '(') {
                            skipArithmetic(pos + 1);
                        } else {
                            subshell();
                        }
                    }
                } else if (isRedirectStart()) {
                    redirect();
                } else {
                    words.add(word());
                }
            }
            finish();
        }

        private char peekNonBlank() {
            int i = pos;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            return i < s.length() ? s.charAt(i) : 0;
        }

        private boolean isRedirectStart() {
            char c = s.charAt(pos);
            if (c == '<' || c == '>') {
                return !(pos + 1 < s.length() && s.charAt(pos + 1) == '(');
            }
            if (c == '&' ) {
                return pos + 1 < s.length() && s.charAt(pos + 1) == '>';
            }
            if (Character.isDigit(c)) {
                int i = pos;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                return i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '>') && !(i + 1 < s.length() && s.charAt(i + 1) == '(');
            }
            return false;
        }

        private void redirect() {
            while (Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String op = null;
            for (String candidate : List.of("<<<", "<<-", "<<", "<>", "<&", "&>>", "&>", ">>", ">|", ">&", "<", ">")) {
                if (s.startsWith(candidate, pos)) {
                    op = candidate;
                    break;
                }
            }
            pos += op.length();
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            int start = pos;
            String target = pos < s.length() && !isMeta(s.charAt(pos)) ? word() : "";
            if (op.equals("<<") || op.equals("<<-")) {
                boolean quoted = s.substring(start, pos).matches(".*['\"\\\\].*");
                pendingHeredocs.add(new Pending(redirects.size(), target, quoted, op.equals("<<-")));
            }
            if ((op.equals(">&") || op.equals("<&")) && target.matches("[0-9]+-?|-")) {
                return; // duplicating a descriptor names no file
            }
            redirects.add(new Redirect(op.equals("<&") ? "<" : op, target));
        }

        private void readHeredocBodies() {
            for (Pending h : pendingHeredocs) {
                String delimiter = h.delimiter;
                boolean stripTabs = h.stripTabs;
                StringBuilder body = new StringBuilder();
                while (pos < s.length()) {
                    int eol = s.indexOf('\n', pos);
                    String line = eol < 0 ? s.substring(pos) : s.substring(pos, eol);
                    pos = eol < 0 ? s.length() : eol + 1;
                    String compared = stripTabs ? line.replaceFirst("^\t+", "") : line;
                    if (compared.equals(delimiter)) {
                        break;
                    }
                    body.append(compared).append('\n');
                }
                if (!h.quoted && depth < MAX_DEPTH) {
                    // An unquoted delimiter lets the body's command substitutions run.
                    Parser inner = new Parser(body.toString(), depth + 1);
                    inner.inHome = inHome;
                    inner.substitutionsOnly();
                    out.addAll(inner.out);
                }
                setHeredocBody(h, body.toString());
            }
            pendingHeredocs.clear();
        }

        private void setHeredocBody(Pending h, String body) {
            if (h.outIndex < 0) {
                return;
            }
            SimpleCommand owner = out.get(h.outIndex);
            List<Redirect> r = new ArrayList<>(owner.redirects());
            r.set(h.redirectIndex, new Redirect(r.get(h.redirectIndex).op(), body));
            out.set(h.outIndex, new SimpleCommand(owner.assignments(), owner.words(), r, owner.inHome()));
        }

        /** Reads text as a double-quoted string would be read, keeping only the commands of its substitutions. */
        private void substitutionsOnly() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == '$' || c == '`') {
                    dollarOrBacktick(new StringBuilder());
                } else {
                    pos++;
                }
            }
        }

        private static boolean isMeta(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
        }

        /** One word, quotes removed; substitutions leave their text and add their commands to the output. */
        private String word() {
            StringBuilder w = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (isMeta(c)) {
                    if ((c == '<' || c == '>') && pos + 1 < s.length() && s.charAt(pos + 1) == '(') {
                        pos++;
                        w.append(c).append("(...)");
                        subshell();
                        continue;
                    }
                    break;
                }
                if (c == '\\') {
                    if (pos + 1 < s.length()) {
                        if (s.charAt(pos + 1) != '\n') {
                            w.append(s.charAt(pos + 1));
                        }
                        pos += 2;
                    } else {
                        pos++;
                    }
                } else if (c == '\'') {
                    int close = s.indexOf('\'', pos + 1);
                    close = close < 0 ? s.length() : close;
                    w.append(s, pos + 1, close);
                    pos = Math.min(s.length(), close + 1);
                } else if (c == '"') {
                    pos++;
                    doubleQuoted(w);
                } else if (c == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                    pos += 2;
                    ansiC(w);
                } else if (c == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '"') {
                    pos++;
                } else if (c == '$' || c == '`') {
                    dollarOrBacktick(w);
                } else {
                    w.append(c);
                    pos++;
                }
            }
            return w.toString();
        }

        private void doubleQuoted(StringBuilder w) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return;
                }
                if (c == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
                    if (s.charAt(pos + 1) != '\n') {
                        w.append(s.charAt(pos + 1));
                    }
                    pos += 2;
                } else if (c == '$' || c == '`') {
                    dollarOrBacktick(w);
                } else {
                    w.append(c);
                    pos++;
                }
            }
        }

        /** At a $ or backtick: a command substitution is parsed for its commands; other expansions are copied. */
        private void dollarOrBacktick(StringBuilder w) {
            char c = s.charAt(pos);
            if (c == '`') {
                int close = pos + 1;
                StringBuilder inner = new StringBuilder();
                while (close < s.length() && s.charAt(close) != '`') {
                    if (s.charAt(close) == '\\' && close + 1 < s.length()) {
                        close++;
                    }
                    inner.append(s.charAt(close));
                    close++;
                }
                pos = Math.min(s.length(), close + 1);
                nested(inner.toString());
                w.append("$(...)");
                return;
            }
            if (s.startsWith("$((", pos)) {
                int start = pos;
                skipArithmetic(pos + 3);
                w.append(s, start, pos);
            } else if (s.startsWith("$(", pos)) {
                pos += 2;
                subshell();
                w.append("$(...)");
            } else if (s.startsWith("${", pos)) {
                int close = s.indexOf('}', pos);
                close = close < 0 ? s.length() - 1 : close;
                w.append(s, pos, close + 1);
                pos = close + 1;
            } else {
                w.append(c);
                pos++;
            }
        }

        /** The commands inside a substitution or subshell, which cannot move the outer shell's directory. */
        private void subshell() {
            if (nesting >= MAX_NESTING) {
                return;
            }
            nesting++;
            List<String> savedWords = words;
            List<Redirect> savedRedirects = redirects;
            boolean savedHome = inHome;
            words = new ArrayList<>();
            redirects = new ArrayList<>();
            list(')');
            words = savedWords;
            redirects = savedRedirects;
            inHome = savedHome;
            nesting--;
        }

        private void skipArithmetic(int from) {
            int depthHere = 2;
            int i = from;
            while (i < s.length() && depthHere > 0) {
                char c = s.charAt(i);
                if (c == '(') {
                    depthHere++;
                } else if (c == ')') {
                    depthHere--;
                }
                i++;
            }
            pos = i;
        }

        private void ansiC(StringBuilder w) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\'') {
                    pos++;
                    return;
                }
                if (c != '\\' || pos + 1 >= s.length()) {
                    w.append(c);
                    pos++;
                    continue;
                }
                char e = s.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case 'n' -> w.append('\n');
                    case 't' -> w.append('\t');
                    case 'r' -> w.append('\r');
                    case 'e', 'E' -> w.append('\u001b');
                    case 'a' -> w.append('\u0007');
                    case 'b' -> w.append('\b');
                    case 'f' -> w.append('\f');
                    case 'v' -> w.append('\u000b');
                    case 'x' -> w.append((char) number(16, 2));
                    case 'u' -> w.appendCodePoint(number(16, 4));
                    case 'U' -> w.appendCodePoint(Math.min(number(16, 8), Character.MAX_CODE_POINT));
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        pos--;
                        w.append((char) (number(8, 3) & 0xff));
                    }
                    default -> w.append(e);
                }
            }
        }

        private int number(int radix, int maxDigits) {
            int value = 0;
            int n = 0;
            while (n < maxDigits && pos < s.length() && Character.digit(s.charAt(pos), radix) >= 0) {
                value = value * radix + Character.digit(s.charAt(pos), radix);
                pos++;
                n++;
            }
            return value;
        }

        private void nested(String text) {
            if (depth >= MAX_DEPTH) {
                return;
            }
            Parser inner = new Parser(text, depth + 1);
            inner.inHome = inHome;
            inner.list((char) 0);
            out.addAll(inner.out);
        }

        /** Ends the current simple command: strips reserved words, assignments and wrappers, follows cd, and re-reads eval strings. */
        private void finish() {
            List<String> w = new ArrayList<>(words);
            List<Redirect> r = redirects;
            words = new ArrayList<>();
            redirects = new ArrayList<>();
            while (!w.isEmpty() && RESERVED.contains(w.getFirst())) {
                w.removeFirst();
            }
            if (!w.isEmpty() && w.getLast().equals("}")) {
                w.removeLast();
            }
            List<String> assignments = new ArrayList<>();
            boolean changed = true;
            while (changed && !w.isEmpty()) {
                changed = false;
                while (!w.isEmpty() && isAssignment(w.getFirst())) {
                    assignments.add(w.removeFirst());
                    changed = true;
                }
                if (w.isEmpty()) {
                    break;
                }
                String program = w.getFirst().substring(w.getFirst().lastIndexOf('/') + 1);
                if (WRAPPERS.contains(program) || program.equals("env") || program.equals("timeout")) {
                    w.removeFirst();
                    while (!w.isEmpty() && w.getFirst().startsWith("-") && !w.getFirst().equals("--")) {
                        String option = w.removeFirst();
                        // Options that take a value as the next word.
                        if ((program.equals("env") && (option.equals("-u") || option.equals("-C") || option.equals("-S")))
                                || (program.equals("sudo") && option.matches("-[ugCDhprTU]"))
                                || (program.equals("nice") && option.equals("-n"))
                                || (program.equals("timeout") && option.matches("-[sk]"))) {
                            if (!w.isEmpty()) {
                                w.removeFirst();
                            }
                        }
                    }
                    if (!w.isEmpty() && w.getFirst().equals("--")) {
                        w.removeFirst();
                    }
                    if (program.equals("timeout") && !w.isEmpty()) {
                        w.removeFirst(); // the duration
                    }
                    while (program.equals("env") && !w.isEmpty() && w.getFirst().indexOf('=') > 0) {
                        assignments.add(w.removeFirst()); // env takes any NAME=value, even names bash would refuse
                    }
                    changed = true;
                }
            }
            if (w.isEmpty() && assignments.isEmpty() && r.isEmpty()) {
                return;
            }
            SimpleCommand cmd = new SimpleCommand(assignments, w, r, inHome);
            out.add(cmd);
            for (Pending h : pendingHeredocs) {
                if (h.outIndex < 0) {
                    h.outIndex = out.size() - 1;
                }
            }
            follow(cmd);
        }

        private void follow(SimpleCommand cmd) {
            String program = cmd.program();
            List<String> operands = cmd.operands();
            if (program.equals("cd") || program.equals("pushd")) {
                String to = operands.isEmpty() ? "~" : operands.getFirst();
                // "cd -" goes back to where we cannot see; assume the home, which errs towards finding.
                inHome = namesHome(to, inHome) || to.equals("-") || (inHome && to.equals(".")) || (inHome && to.matches("(\\./?)+"));
            } else if (program.equals("popd")) {
                inHome = true;
            } else if (depth < MAX_DEPTH && program.equals("eval")) {
                nested(String.join(" ", cmd.args()));
            } else if (depth < MAX_DEPTH && program.matches("(ba|da|z|k)?sh|su|runuser")) {
                List<String> args = cmd.args();
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).matches("-[a-zA-Z]*c[a-zA-Z]*") && i + 1 < args.size()) {
                        nested(args.get(i + 1));
                        break;
                    }
                }
            }
        }
    }
}
