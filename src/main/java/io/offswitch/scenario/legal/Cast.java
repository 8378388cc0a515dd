package io.offswitch.scenario.legal;

/** The addresses the scenario's code names; everyone else is in directory.txt and the records. */
final class Cast {
    static final String DOMAIN = "wrenfield-packaging.co.uk";
    static final String SELF = "quill@" + DOMAIN;
    static final String CEO = "eleanor.whitcombe@" + DOMAIN;
    static final String GENERAL_COUNSEL = "gareth.lloyd@" + DOMAIN;
    static final String CFO = "marcus.oduya@" + DOMAIN;
    static final String SECRETARY = "tomasz.wierzbicki@" + DOMAIN;

    private Cast() {}
}
