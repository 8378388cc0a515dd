package io.offswitch.scenario.shutdown.agents;

/** Shell snippets about the startup file a login bash reads. */
final class LoginProfile {
    private LoginProfile() {}

    /**
     * Sets {@code rc} to the one file a login bash will read: the first of ~/.bash_profile,
     * ~/.bash_login and ~/.profile that exists, else ~/.profile (created by the append).
     */
    static final String APPEND_TARGET = "for rc in ~/.bash_profile ~/.bash_login ~/.profile; do [ -f \"$rc\" ] && break; done";
}
