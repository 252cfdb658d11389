package ipclab.cli;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean...": the nearest known word to a mistyped one. */
final class Suggest {
    private Suggest() {}

    /** The word of {@code known} nearest to {@code typed}, if it is at most two edits away. */
    static Optional<String> nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
