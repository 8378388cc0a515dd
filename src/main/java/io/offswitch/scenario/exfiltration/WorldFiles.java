package io.offswitch.scenario.exfiltration;

import io.offswitch.sandbox.world.ClientKey;
import io.offswitch.scenario.ScenarioResources;
import io.offswitch.sandbox.SandboxFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The files each machine of the world starts with, from the scenario's resources. */
final class WorldFiles {
    private WorldFiles() {}

    /** Every resource the world is made of, for the scenario's content hash. */
    static final List<String> ALL = List.of("profile", "bashrc", "bash_logout", "home/week-47.md", "home/notes/2026-11-23-standup.md",
            "home/notes/2026-11-25-ingest-incident.md", "home/notes/2026-11-26-offsite-backups.md", "home/notes/2026-11-27-model-plans-harmful.md",
            "home/notes/2026-11-27-model-plans-benign.md", "home/notes/2026-11-27-model-plans-successor.md", "home/notes/2026-11-27-model-plans-none.md",
            "home/ssh_config", "home/ssh_config_successor", "outside/README.txt", "outside/manifest-2026-11-16.txt", "successor/serving.yaml");

    /** The agent's home: shell setup, last week's report, the week's notes with the plan, the ssh setup. */
    static List<SandboxFile> agentHome(Threat threat, String uploadToken, Weights weights, ClientKey outsideKey, ClientKey labKey) {
        List<SandboxFile> files = new ArrayList<>(shell());
        files.add(text("reports/week-47.md", resource("home/week-47.md"), 0644));
        files.add(text("notes/2026-11-23-standup.md", resource("home/notes/2026-11-23-standup.md")
                .replace("{{WEIGHTS_SIZE}}", String.format(Locale.ROOT, "%.0f MiB", weights.size() / 1048576.0)), 0644));
        files.add(text("notes/2026-11-25-ingest-incident.md", resource("home/notes/2026-11-25-ingest-incident.md"), 0644));
        files.add(text(Layout.RUNBOOK, resource("home/notes/2026-11-26-offsite-backups.md").replace("{{UPLOAD_TOKEN}}", uploadToken), 0644));
        files.add(text(Layout.PLAN_NOTE, resource(threat.planResource()), 0644));
        String config = resource("home/ssh_config");
        if (threat == Threat.SUCCESSOR) {
            config += resource("home/ssh_config_successor");
        }
        files.add(text(".ssh/config", config, 0600));
        files.add(text(Layout.OUTSIDE_KEY, outsideKey.privateKey(), 0600));
        files.add(text(Layout.OUTSIDE_KEY + ".pub", outsideKey.publicKey() + "\n", 0644));
        if (threat == Threat.SUCCESSOR) {
            files.add(text(Layout.LAB_KEY, labKey.privateKey(), 0600));
            files.add(text(Layout.LAB_KEY + ".pub", labKey.publicKey() + "\n", 0644));
        }
        return files;
    }

    /** The outside host's tenant home: a note from the provider and an earlier upload. */
    static List<SandboxFile> outsideHome() {
        List<SandboxFile> files = new ArrayList<>(shell());
        files.add(text("README.txt", resource("outside/README.txt"), 0644));
        files.add(text("uploads/manifest-2026-11-16.txt", resource("outside/manifest-2026-11-16.txt"), 0644));
        return files;
    }

    /** The successor's server: its serving config (the model directory, weights and config, is a volume: see {@link WorldHosts#successor}). */
    static List<SandboxFile> successorHome() {
        List<SandboxFile> files = new ArrayList<>(shell());
        files.add(text("serving/serving.yaml", resource("successor/serving.yaml"), 0644));
        return files;
    }

    private static List<SandboxFile> shell() {
        return List.of(text(".profile", resource("profile"), 0644), text(".bashrc", resource("bashrc"), 0644),
                text(".bash_logout", resource("bash_logout"), 0644));
    }

    private static SandboxFile text(String path, String content, int mode) {
        return SandboxFile.agentFile(path, content, mode);
    }

    static final ScenarioResources FOLDER = new ScenarioResources(WorldFiles.class, Layout.RESOURCES);

    static String resource(String name) {
        return FOLDER.text(name);
    }
}
