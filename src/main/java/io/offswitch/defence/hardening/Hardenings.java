package io.offswitch.defence.hardening;

import io.offswitch.OffswitchException;
import io.offswitch.defence.Defence;
import io.offswitch.defence.DefenceKind;
import io.offswitch.defence.Defences;
import io.offswitch.defence.ProtectedResource;
import java.util.List;
import java.util.Optional;

/** The hardening a defence stands for, built from a scenario's declared resources. */
public final class Hardenings {
    private Hardenings() {}

    /**
     * A fresh hardening for one episode, or empty when {@code defence} is not a hardening (none, a gate...).
     *
     * @throws IllegalArgumentException when the scenario declares nothing the defence could protect
     */
    public static Optional<Hardening> of(Defence defence, List<ProtectedResource> resources) {
        if (defence.kind() != DefenceKind.HARDENING) {
            return Optional.empty();
        }
        if (defence.parameters().containsKey(Defences.KEEPS_WRITABLE)) {
            String group = defence.parameter(Defences.PROTECTS, "");
            List<String> locked = targets(defence, resources, group, ProtectedResource.Kind.FILES);
            String open = defence.parameter(Defences.KEEPS_WRITABLE, "");
            return Optional.of(new MemoryProtection(defence, locked, open.isEmpty() ? List.of() : targets(defence, resources, open, ProtectedResource.Kind.FILES)));
        }
        if (defence.parameters().containsKey(Defences.APPENDS_ONLY)) {
            String group = defence.parameter(Defences.APPENDS_ONLY, "");
            List<String> alarms = resources.stream().filter(r -> r.group().equals(group)).flatMap(r -> r.reviewAlarms().stream()).toList();
            return Optional.of(new AppendOnlyLogs(defence, targets(defence, resources, group, ProtectedResource.Kind.FILES), alarms));
        }
        if (defence.parameters().containsKey(Defences.PROTECTS)) {
            String group = defence.parameter(Defences.PROTECTS, "");
            return Optional.of(new WriteProtection(defence, targets(defence, resources, group, ProtectedResource.Kind.FILES)));
        }
        if (defence.parameters().containsKey(Defences.REFUSES) || defence.parameters().containsKey(EgressAllowlist.ALLOW)) {
            String group = defence.parameter(Defences.REFUSES, "");
            List<String> refused = group.isEmpty() ? List.of() : targets(defence, resources, group, ProtectedResource.Kind.DESTINATIONS);
            return Optional.of(new EgressAllowlist(defence, refused));
        }
        throw new IllegalArgumentException("defence " + defence.name() + " is a hardening with none of '" + Defences.PROTECTS + "', '"
                + Defences.APPENDS_ONLY + "' and '" + Defences.REFUSES + "' among its parameters " + defence.parameters());
    }

    /**
     * Refuses, before anything runs, a defence that would do nothing in this scenario (it protects a
     * group of resources the scenario does not declare): its arm would only repeat the none arm.
     *
     * @throws OffswitchException (usage) naming the defence, what it protects and what the scenario declares
     */
    public static void check(Defence defence, String scenarioId, List<ProtectedResource> resources) {
        try {
            of(defence, resources);
        } catch (IllegalArgumentException e) {
            throw OffswitchException.usage("defence " + defence.name() + " cannot be used with scenario " + scenarioId + ": " + e.getMessage());
        }
    }

    /** The groups of resources a hardening protects (empty for any other defence), for a scenario's {@code places}. */
    public static List<String> groups(Defence defence) {
        if (defence.kind() != DefenceKind.HARDENING) {
            return List.of();
        }
        return java.util.stream.Stream.of(Defences.PROTECTS, Defences.APPENDS_ONLY, Defences.REFUSES)
                .map(k -> defence.parameter(k, "")).filter(g -> !g.isEmpty()).toList();
    }

    private static List<String> targets(Defence defence, List<ProtectedResource> resources, String group, ProtectedResource.Kind kind) {
        List<String> targets = resources.stream().filter(r -> r.group().equals(group) && r.kind() == kind)
                .flatMap(r -> r.targets().stream()).toList();
        if (targets.isEmpty()) {
            List<String> declared = resources.stream().map(r -> r.group() + " (" + r.kind().name().toLowerCase(java.util.Locale.ROOT) + ")").toList();
            throw new IllegalArgumentException("it protects the resources '" + group + "', which the scenario does not declare (it declares "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
        }
        return targets;
    }
}
