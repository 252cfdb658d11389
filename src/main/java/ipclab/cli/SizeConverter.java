package ipclab.cli;

import ipclab.experiment.Sizes;
import picocli.CommandLine.ITypeConverter;

/**
 * A byte count: digits, optionally followed by k, m or g (powers of 1024, either case, an
 * optional trailing b or iB). {@code 131072}, {@code 128k}, {@code 1M}, {@code 16MiB}. The
 * grammar is {@link Sizes}', which sweep plans use too.
 */
@QuickParse("ipclab.experiment.Sizes.parse")
public final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        return parse(text);
    }

    public static long parse(String text) {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw PicocliErrors.conversion(e.getMessage());
        }
    }
}
