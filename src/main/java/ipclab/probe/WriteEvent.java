package ipclab.probe;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One write(2) of the timed region as a JDK Flight Recorder event: its duration (the event's
 * begin and end, around the one downcall), the bytes asked for and the result. Emitted only by the
 * instrumented loops (--jfr-calls); no stack trace, which would cost far more than the call.
 */
@Name("ipclab.Write")
@Label("write(2)")
@Description("One write(2) of the sender in the timed region")
@Category({"ipclab", "System calls"})
@StackTrace(false)
public final class WriteEvent extends Event {
    @Label("Descriptor")
    public int fd;

    @Label("Requested")
    @DataAmount
    public long requestedBytes;

    @Label("Result")
    @Description("Bytes transferred, or -errno")
    public long result;
}
