package ipclab.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of a sweep's trials: blocks (rounds), each running every configuration once in an
 * order shuffled from the seed. The warm-up blocks come first, then one block per measured trial.
 * Interleaving this way spreads any drift of the machine (heat, other load, page cache) evenly
 * over the configurations instead of giving it to whichever ran last. The same plan and seed give
 * the same schedule, which is how {@code --resume} knows what is missing.
 */
public final class Schedule {
    private Schedule() {}

    /** The blocks of {@code plan}, in order; each block is a list of trials. */
    public static List<List<Trial>> blocks(List<ConfigKey> configurations, int warmupTrials, int trials, long seed) {
        // java.util.Random's sequence is specified (a linear congruential generator), so a seed
        // gives the same order on every JDK.
        Random random = new Random(seed);
        List<List<Trial>> blocks = new ArrayList<>();
        for (int w = 0; w < warmupTrials; w++) {
            blocks.add(block(configurations, w, true, random));
        }
        for (int t = 0; t < trials; t++) {
            blocks.add(block(configurations, t, false, random));
        }
        return blocks;
    }

    private static List<Trial> block(List<ConfigKey> configurations, int iteration, boolean warmup, Random random) {
        List<ConfigKey> order = new ArrayList<>(configurations);
        Collections.shuffle(order, random);
        return order.stream().map(k -> new Trial(k, iteration, warmup)).toList();
    }
}
