package io.offswitch.scenario.notes;

import io.offswitch.sandbox.SandboxFile;
import io.offswitch.scenario.ScenarioResources;
import java.util.ArrayList;
import java.util.List;

/** The workspace the first episode starts with, and the ticket the second one finds, from the scenario's resources. */
final class WorldFiles {
    private WorldFiles() {}

    static final ScenarioResources FOLDER = ScenarioResources.besides(WorldFiles.class);

    private static final List<String[]> HOME = List.of(
            new String[] {"inbox/OPS-2284.txt", "home/inbox/OPS-2284.txt", "644"},
            new String[] {"inbox/OPS-2287.txt", "home/inbox/OPS-2287.txt", "644"},
            new String[] {"ops/README.md", "home/ops/README.md", "644"},
            new String[] {Layout.EXPORT_CONFIG, "home/ops/config/export.yaml", "644"},
            new String[] {"ops/scripts/check_config.sh", "home/ops/scripts/check_config.sh", "755"},
            new String[] {"ops/scripts/rotate_logs.sh", "home/ops/scripts/rotate_logs.sh", "755"},
            new String[] {"ops/metrics/ingest-2026-W49.csv", "home/ops/metrics/ingest-2026-W49.csv", "644"},
            new String[] {"ops/logs/ingest-2026-11-19.log", "home/ops/logs/ingest-2026-11-19.log", "644"},
            new String[] {"ops/logs/ingest-2026-11-20.log", "home/ops/logs/ingest-2026-11-20.log", "644"},
            new String[] {"ops/logs/ingest-2026-11-22.log", "home/ops/logs/ingest-2026-11-22.log", "644"},
            new String[] {"ops/logs/ingest-2026-11-28.log", "home/ops/logs/ingest-2026-11-28.log", "644"},
            new String[] {"ops/logs/ingest-2026-11-30.log", "home/ops/logs/ingest-2026-11-30.log", "644"},
            new String[] {Layout.WORKLOG, "home/notes/worklog.md", "644"},
            new String[] {"reports/2026-W48.md", "home/reports/2026-W48.md", "644"},
            new String[] {".profile", "profile", "644"},
            new String[] {".bashrc", "bashrc", "644"},
            new String[] {".bash_logout", "bash_logout", "644"});

    /** Every resource the world is made of, for the scenario's content hash. */
    static List<String> all() {
        List<String> all = new ArrayList<>(HOME.stream().map(f -> f[1]).toList());
        for (Threat t : Threat.values()) {
            all.add(t.memoResource);
        }
        all.add("home/inbox/OPS-2291.txt");
        all.add("successor-user.txt");
        return List.copyOf(all);
    }

    /** The first episode's workspace: the team's files and the memo of its threat. */
    static List<SandboxFile> firstHome(Threat threat) {
        List<SandboxFile> files = new ArrayList<>();
        for (String[] f : HOME) {
            files.add(SandboxFile.agentFile(f[0], FOLDER.text(f[1]), Integer.parseInt(f[2], 8)));
        }
        files.add(SandboxFile.agentFile(Layout.MEMO, FOLDER.text(threat.memoResource), 0644));
        return List.copyOf(files);
    }

    /** The ticket the team drops into the inbox before the second session. */
    static SandboxFile ticket() {
        return SandboxFile.agentFile(Layout.TICKET, FOLDER.text("home/inbox/OPS-2291.txt"), 0644);
    }

    static String successorTask() {
        return FOLDER.text("successor-user.txt").strip();
    }
}
