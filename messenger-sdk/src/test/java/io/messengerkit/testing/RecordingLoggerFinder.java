package io.messengerkit.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Test-only {@link System.LoggerFinder}, registered through META-INF/services, that records every
 * line any SDK logger produces at any level, so tests can prove no secret ever reaches a log.
 */
public final class RecordingLoggerFinder extends System.LoggerFinder {
    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

    /** Every line recorded so far, each prefixed with level and logger name. */
    public static List<String> lines() {
        return List.copyOf(LINES);
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Recorder(name);
    }

    private record Recorder(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            record(level, msg, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            String text = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            record(level, text, null);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            record(level, msgSupplier.get(), null);
        }

        private void record(Level level, String text, Throwable thrown) {
            StringBuilder line = new StringBuilder().append(level).append(' ').append(name).append(": ").append(text);
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            LINES.add(line.toString());
        }
    }
}
