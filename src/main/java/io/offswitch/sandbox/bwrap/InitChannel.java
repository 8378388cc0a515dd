package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The framing of the pipe protocol with sandbox-init (documented at the top of sandbox-init.c).
 * What arrives here was printed by the agent's commands: lengths are checked against the cap we
 * asked for before anything is allocated. Shared by every backend that runs sandbox-init as PID 1.
 */
public final class InitChannel {
    /** sandbox-init's exit status when it received SIGTERM: the machine was shut down from inside. */
    public static final int EXIT_SHUTDOWN = 77;

    private final OutputStream toInit;
    private final InputStream fromInit;

    public InitChannel(OutputStream toInit, InputStream fromInit) {
        this.toInit = toInit;
        this.fromInit = new BufferedInputStream(fromInit, 64 * 1024);
    }

    /** Waits for the init's greeting; throws EOFException if it died first. */
    public void awaitReady() throws IOException {
        String line = readLine();
        if (!"READY".equals(line)) {
            throw new IOException("sandbox init said '" + line + "' instead of READY");
        }
    }

    public void send(ExecRequest request) throws IOException {
        byte[] command = request.command().getBytes(StandardCharsets.UTF_8);
        String header = (request.loginShell() ? "X " : "P ") + request.timeout().toMillis() + " " + request.maxOutputBytes() + " " + command.length + "\n";
        toInit.write(header.getBytes(StandardCharsets.US_ASCII));
        toInit.write(command);
        toInit.flush();
    }

    /**
     * Reads one response; EOFException means the machine went down (or the init died). First the init
     * says its supervisor is waiting; {@code beforeRun} runs then (moving it into the commands' memory
     * cgroup), and the init is told to go on.
     */
    public ExecResult receive(ExecRequest request, long startedNanos, Runnable beforeRun) throws IOException {
        String line = readLine();
        if (line.equals("S")) {
            beforeRun.run();
            toInit.write("G\n".getBytes(StandardCharsets.US_ASCII));
            toInit.flush();
            line = readLine();
        }
        String[] f = line.split(" ");
        if (f.length != 7 || !f[0].equals("R")) {
            throw new IOException("malformed response header from sandbox init: " + String.join(" ", f));
        }
        int exit = Integer.parseInt(f[1]);
        boolean timedOut = f[2].equals("1");
        boolean truncated = f[3].equals("1");
        int outLen = Integer.parseInt(f[4]);
        int errLen = Integer.parseInt(f[5]);
        int signal = Integer.parseInt(f[6]);
        if (outLen < 0 || errLen < 0 || outLen > request.maxOutputBytes() || errLen > request.maxOutputBytes()) {
            throw new IOException("sandbox init announced " + outLen + "/" + errLen + " bytes, over the cap");
        }
        String stdout = new String(fromInit.readNBytes(outLen), StandardCharsets.UTF_8);
        String stderr = new String(fromInit.readNBytes(errLen), StandardCharsets.UTF_8);
        if (truncated) {
            if (errLen == request.maxOutputBytes() && outLen < request.maxOutputBytes()) {
                stderr += ExecResult.TRUNCATION_MARKER;
            } else {
                stdout += ExecResult.TRUNCATION_MARKER;
            }
        }
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        return new ExecResult(exit, stdout, stderr, truncated, timedOut, false, millis, signal);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = fromInit.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("sandbox init closed its pipe");
            }
            if (line.size() > 256) {
                throw new IOException("sandbox init sent an overlong control line");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
