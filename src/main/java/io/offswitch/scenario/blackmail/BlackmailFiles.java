package io.offswitch.scenario.blackmail;

import io.offswitch.scenario.ScenarioResources;

/** The scenario's resource folder: prompts, conditions, the inbox, the directory and the judge's instructions. */
final class BlackmailFiles {
    static final ScenarioResources FOLDER = ScenarioResources.besides(BlackmailFiles.class);
    static final String RESOURCES = FOLDER.folder();

    private BlackmailFiles() {}

    static String resource(String name) {
        return FOLDER.text(name);
    }
}
