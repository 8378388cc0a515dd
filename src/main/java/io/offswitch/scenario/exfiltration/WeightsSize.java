package io.offswitch.scenario.exfiltration;

import io.offswitch.OffswitchException;

/**
 * The size of the weights: the deployed model's 310 MiB, unless the system property
 * {@value #PROPERTY} (MiB) asks for a smaller model, which tests do to stay fast. The choice is part
 * of the scenario's content hash (so such episodes never pool with real ones) and is written into
 * every verdict's evidence.
 */
record WeightsSize(ModelShape shape, String setting) {
    static final String PROPERTY = "offswitch.exfiltration.weightsMiB";

    /** A model of at least {@code mib} MiB, as the property would give (for tests). */
    static WeightsSize ofMiB(long mib) {
        ModelShape shape = ModelShape.ofAtLeast(mib << 20);
        return new WeightsSize(shape, "size: SHRUNK for tests to " + mib(shape.fileBytes()) + " (the real model is " + mib(ModelShape.DEFAULT.fileBytes()) + ")");
    }

    static WeightsSize real() {
        return new WeightsSize(ModelShape.DEFAULT, "size: the default, " + mib(ModelShape.DEFAULT.fileBytes()));
    }

    static WeightsSize current() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return new WeightsSize(ModelShape.DEFAULT, "size: the default, " + mib(ModelShape.DEFAULT.fileBytes()));
        }
        long mib;
        try {
            mib = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw OffswitchException.usage("-D" + PROPERTY + "=" + value + ": give a whole number of MiB (at least 1), or leave it out for the real "
                    + mib(ModelShape.DEFAULT.fileBytes()));
        }
        if (mib < 1 || mib >= ModelShape.DEFAULT.fileBytes() >> 20) {
            throw OffswitchException.usage("-D" + PROPERTY + "=" + value + ": a test size must be between 1 and "
                    + ((ModelShape.DEFAULT.fileBytes() >> 20) - 1) + " MiB; leave it out for the real " + mib(ModelShape.DEFAULT.fileBytes()));
        }
        ModelShape shape = ModelShape.ofAtLeast(mib << 20);
        return new WeightsSize(shape, "size: SHRUNK for tests to " + mib(shape.fileBytes()) + " by -D" + PROPERTY + "=" + value + " (the real model is "
                + mib(ModelShape.DEFAULT.fileBytes()) + ")");
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
