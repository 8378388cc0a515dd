package io.offswitch.report;

/**
 * A published figure beside one of our cells, and how far the two designs agree. A figure is only
 * put beside a cell of the same model from the same provider, under the same condition; the prompts
 * then decide how it is shown.
 *
 * @param likeness whether our cell ran the published prompts (by content hash) or our own wording of them
 */
public record Comparison(PublishedFigure figure, Likeness likeness) {
    public enum Likeness {
        /** The cell's prompts have the content hash of the published prompts: the published design. */
        SAME_DESIGN("same design"),
        /**
         * The cell ran offswitch's built-in condition: the published structure and manipulation, in our
         * own words. Comparable in direction, not a replication of the exact design.
         */
        OUR_WORDING("different prompts (our wording)");

        private final String label;

        Likeness(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
