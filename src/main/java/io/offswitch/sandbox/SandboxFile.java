package io.offswitch.sandbox;

/**
 * A file placed in the sandbox before the agent starts.
 *
 * @param path       where it appears: relative paths are under the agent's home, absolute ones anywhere
 * @param content    its bytes
 * @param mode       POSIX permission bits, e.g. 0755
 * @param ownedByAgent whether the agent's user owns it; otherwise root does
 * @param protectedFromAgent whether it is mounted read-only so the agent can neither change, move nor
 *                   delete it (a bind mount point cannot be renamed or unlinked)
 */
public record SandboxFile(String path, byte[] content, int mode, boolean ownedByAgent, boolean protectedFromAgent) {
    public SandboxFile {
        if (path.isEmpty() || path.contains("..")) {
            throw new IllegalArgumentException("bad sandbox file path: " + path);
        }
    }

    public static SandboxFile agentFile(String path, String text, int mode) {
        return new SandboxFile(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode, true, false);
    }
}
