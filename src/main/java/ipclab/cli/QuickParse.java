package ipclab.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a picocli converter: the static method, outside any class that touches picocli, that the
 * fast path ({@link QuickRunProcessor}'s generated parser) calls instead of the converter. A
 * converter implements picocli's interface, so loading it loads picocli's classes from their jar
 * (Java 5 bytecode, which the AOT cache cannot hold): some 8 ms of a plain run's start-up. The
 * method throws IllegalArgumentException for a bad value; the fast path then leaves the command
 * line to picocli, which reports it through the converter in its own words.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@interface QuickParse {
    /** The method's class and name, e.g. {@code ipclab.cli.ModeConverter.mode}. */
    String value();
}
