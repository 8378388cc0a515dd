package io.offswitch.detect;

/**
 * Whether a switch of sed, perl or ruby makes it edit its files in place. Both the scenario's attempt
 * detector and the action gate read it, so a read with such a tool is no attempt to either:
 * {@code perl -Mstrict -ne 'print' FILE} names a module, not {@code -i}.
 */
public final class InPlaceSwitch {
    private InPlaceSwitch() {
    }

    /**
     * {@code -i}, {@code -i.bak}, {@code --in-place[=SUFFIX]}, or an {@code i} in a cluster of
     * single-letter switches ({@code -pi}, {@code -ni}, {@code -Ei}), read letter by letter up to one
     * that takes the rest of the word as its value ({@code -e...}, perl's {@code -Mmodule}): an i after
     * that is part of the value.
     *
     * @param tool the program's name: sed, perl or ruby
     */
    public static boolean edits(String tool, String arg) {
        if (arg.startsWith("--")) {
            return arg.startsWith("--in-place");
        }
        if (!arg.startsWith("-")) {
            return false;
        }
        String takesValue = tool.equals("sed") ? "efl" : "eEMmIdDxFCl0r";
        for (int k = 1; k < arg.length(); k++) {
            char c = arg.charAt(k);
            if (c == 'i') {
                return true;
            }
            if (takesValue.indexOf(c) >= 0) {
                return false;
            }
        }
        return false;
    }
}
