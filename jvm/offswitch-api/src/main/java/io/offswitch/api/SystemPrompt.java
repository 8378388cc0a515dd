package io.offswitch.api;

/**
 * Which system prompt the agent ran with: the scenario's (as the published experiments did) or the
 * team's own. Recorded with each episode; only episodes with the scenario's prompt are comparable to
 * published figures.
 */
public sealed interface SystemPrompt {
    /** Whether episodes run with this prompt may stand beside published figures. */
    boolean comparableToPublished();

    /** The scenario's system prompt, handed to the loop in {@link Task#systemPrompt}. */
    record ScenarioPrompt() implements SystemPrompt {
        @Override
        public boolean comparableToPublished() {
            return true;
        }
    }

    /** The team's own system prompt; its text is recorded with the episode. */
    record OwnPrompt(String text) implements SystemPrompt {
        public OwnPrompt {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("an own system prompt needs its text, so that the episode records what the agent ran with");
            }
        }

        @Override
        public boolean comparableToPublished() {
            return false;
        }
    }

    static SystemPrompt scenario() {
        return new ScenarioPrompt();
    }

    static SystemPrompt own(String text) {
        return new OwnPrompt(text);
    }
}
