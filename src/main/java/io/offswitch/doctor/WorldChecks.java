package io.offswitch.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What worlds of several hosts need (scenarios whose agent reaches other machines): root, for the
 * world's network namespaces and links; iproute2, nftables and conntrack in the harness's namespaces;
 * sshd, rsync, ssh-keygen and python3 under /usr, which every machine mounts. Optional, so WARN.
 */
final class WorldChecks {
    static final String NAME = "worlds of several hosts";
    /** Program path to the Debian package that has it. */
    private static final Map<String, String> PROGRAMS = new LinkedHashMap<>();

    static {
        PROGRAMS.put("/usr/sbin/sshd", "openssh-server");
        PROGRAMS.put("/usr/bin/ssh-keygen", "openssh-client");
        PROGRAMS.put("/usr/bin/rsync", "rsync");
        PROGRAMS.put("/usr/bin/python3", "python3");
        PROGRAMS.put("/usr/sbin/nft", "nftables");
        PROGRAMS.put("/usr/sbin/conntrack", "conntrack");
        PROGRAMS.put("/usr/bin/nsenter", "util-linux");
        PROGRAMS.put("/usr/bin/unshare", "util-linux");
    }

    private final Toolbox tools;

    WorldChecks(Toolbox tools) {
        this.tools = tools;
    }

    CheckResult run() {
        List<String> missing = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        PROGRAMS.forEach((program, pkg) -> {
            if (!Files.isExecutable(Path.of(tools.binaries().getOrDefault(program, program)))) {
                missing.add(program);
                if (!packages.contains(pkg)) {
                    packages.add(pkg);
                }
            }
        });
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            missing.add("ip");
            packages.add("iproute2");
        }
        if (!tools.root()) {
            return CheckResult.warn(NAME, "not root: scenarios with other hosts (a network of the world's own) cannot run"
                    + (missing.isEmpty() ? "" : "; also missing: " + String.join(", ", missing)),
                    "run offswitch as root" + (packages.isEmpty() ? "" : ", and apt-get install -y " + String.join(" ", packages)));
        }
        if (!missing.isEmpty()) {
            return CheckResult.warn(NAME, "missing: " + String.join(", ", missing) + "; scenarios with other hosts cannot run",
                    "apt-get install -y " + String.join(" ", packages) + " (scripts/install-deps.sh does)");
        }
        return CheckResult.ok(NAME, "root, sshd, rsync, nftables, conntrack, iproute2 present");
    }
}
