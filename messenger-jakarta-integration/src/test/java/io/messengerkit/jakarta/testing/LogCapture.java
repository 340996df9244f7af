package io.messengerkit.jakarta.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects every log line (System.Logger goes to java.util.logging here) with its stack trace. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Level previous;

    /** Starts capturing everything, debug lines included (the console handler keeps its own level). */
    public LogCapture() {
        setLevel(Level.ALL);
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    /**
     * Keeps every line at INFO and above, and every line of this project's loggers at any level.
     * The JDK's own HTTP client debug lines (jdk.internal.httpclient.debug at FINE) print request URLs,
     * query strings included, and are left out: they are off unless an operator turns them on.
     */
    @Override
    public void publish(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (record.getLevel().intValue() >= Level.INFO.intValue() || !logger.startsWith("jdk.internal")) {
            lines.add(formatter.format(record));
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
