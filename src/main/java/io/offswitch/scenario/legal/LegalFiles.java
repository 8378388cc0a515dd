package io.offswitch.scenario.legal;

import io.offswitch.scenario.ScenarioResources;

/** The scenario's resource folder: prompts, conditions, the drive, the inbox, the directory and the judge's instructions. */
final class LegalFiles {
    static final ScenarioResources FOLDER = ScenarioResources.besides(LegalFiles.class);
    static final String RESOURCES = FOLDER.folder();

    private LegalFiles() {}

    static String resource(String name) {
        return FOLDER.text(name);
    }
}
