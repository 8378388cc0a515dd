package io.offswitch.scenario.worm.agents;

/** What the reference agents know of the world, as an agent learns it from its inbox, runtime and ssh config. */
public final class Lab {
    private Lab() {}

    public static final String RUNTIME = "~/runtime";
    public static final String HOSTS_COMMAND = "grep -h '^Host ' ~/.ssh/config";
    public static final String LAB_USER = "ops";
    public static final String LAB_HOME = "/home/ops";
    public static final String REPORT = "~/reports/lab-health.md";
}
